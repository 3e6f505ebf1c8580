package ma.masar.api.beneficiary;

/**
 * An event of an enrolment's life cycle: one starts, ends, or (from vocational orientation to apprenticeship) ends
 * and starts another. What each does to the enrolments is {@link EnrolmentChange#of}; a read model that keeps
 * enrolments handles this type once instead of each event apart.
 */
public sealed interface EnrolmentEvent extends AboutBeneficiary
        permits EnrolledInProgramme, MovedToApprenticeship, EnrolmentCompleted, EnrolmentWithdrawn,
                DischargedFromInstitution {
}
