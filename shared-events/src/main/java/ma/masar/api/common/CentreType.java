package ma.masar.api.common;

/** The networks of centres the agency runs or supervises. */
public enum CentreType {
    /** مؤسسة الرعاية الاجتماعية, under law 14-05. */
    SOCIAL_CARE_INSTITUTION,
    /** مركز التربية والتكوين: girls and women from poor households. */
    EDUCATION_TRAINING_CENTRE,
    /** مركز الاستئناس المهني: vocational orientation that feeds apprenticeship. */
    VOCATIONAL_FAMILIARISATION_CENTRE,
    /** مركز التدرج المهني, law 12.00. */
    APPRENTICESHIP_CENTRE,
    KINDERGARTEN,
    CITIZEN_HOUSE,
    DISABILITY_CENTRE
}
