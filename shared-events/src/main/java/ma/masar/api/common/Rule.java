package ma.masar.api.common;

/**
 * The business rules a command can break. The name is what a user and a client see
 * (problem JSON {@code rule}, message bundle key {@code rule.<name>}).
 */
public enum Rule {
    CentreIsFull,
    CentreIsClosed,
    CentreTypeDoesNotMatchProgramme,
    CentreAlreadyExists,
    CentreNotFound,
    CentreHasActiveEnrolments,
    CapacityBelowOccupancy,
    OnlyFamiliarisationCentresConvert,
    AuthorisationRequiredForSocialCare,
    EducationCentresTakeGirlsAndWomen,
    KindergartenAgeOutOfRange,
    ApprenticeTooYoung,
    HostCompanyRequired,
    OnlyActiveOrientationMovesToApprenticeship,
    AlreadyActiveInProgramme,
    EnrolmentNotActive,
    EnrolmentAlreadyExists,
    DischargeOnlyFromSocialCare,
    DateInFuture,
    DateOutOfRange,
    BeneficiaryNotFound,
    PartnershipNotFound,
    IdempotencyKeyReused,
    ConcurrentChange,
    DateBeforeBirth,
    NationalIdAlreadyRegistered,
    BeneficiaryAlreadyRegistered,
    BeneficiaryErased,
    ConsentRequired,
    ConsentAlreadyGiven,
    ConsentNotGiven,
    FollowUpNotFound,
    FollowUpAlreadyClosed,
    DueDateBeforeSchedule,
    ReferralNotFound,
    ReferralAlreadyClosed,
    UnknownEventToCorrect,
    PartnershipEndsBeforeStart,
    PartnershipAlreadyEnded,
    PartnershipAlreadyExists,
    AmountNegative,
    OutsideYourCentres,
    StaffAssignmentOverlaps,
    StaffAssignmentNotFound,
    AssignmentEndsBeforeStart,
    /** A command on a record merged into another: the arguments name the survivor. */
    BeneficiaryMerged,
    CannotMergeWithItself,
    /** A record into which others are merged is not merged into a third: merge into it instead. */
    DuplicateHoldsMergedRecords,
    NotMerged
}
