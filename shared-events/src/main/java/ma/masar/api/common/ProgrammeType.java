package ma.masar.api.common;

/** A programme a beneficiary is enrolled in; each is delivered in one type of centre. */
public enum ProgrammeType {
    SOCIAL_CARE(CentreType.SOCIAL_CARE_INSTITUTION),
    EDUCATION_TRAINING(CentreType.EDUCATION_TRAINING_CENTRE),
    VOCATIONAL_ORIENTATION(CentreType.VOCATIONAL_FAMILIARISATION_CENTRE),
    APPRENTICESHIP(CentreType.APPRENTICESHIP_CENTRE),
    PRESCHOOL(CentreType.KINDERGARTEN),
    CITIZEN_HOUSE(CentreType.CITIZEN_HOUSE),
    DISABILITY_SUPPORT(CentreType.DISABILITY_CENTRE);

    private final CentreType centreType;

    ProgrammeType(CentreType centreType) {
        this.centreType = centreType;
    }

    /** The only type of centre that delivers this programme. */
    public CentreType centreType() {
        return centreType;
    }
}
