package ma.masar.api.beneficiary;

import java.time.LocalDate;
import java.util.List;

import ma.masar.api.query.EnrolmentStatus;

/**
 * The enrolment life cycle, stated once: what an event does to where an enrolment stands. An enrolment starts
 * {@link EnrolmentStatus#ACTIVE} ({@link EnrolledInProgramme}, or the apprenticeship of {@link MovedToApprenticeship})
 * and ends once, completed, withdrawn, discharged or moved to apprenticeship. Every read model that keeps enrolments
 * (search, caseload, counts) and the auditor's replay of a case apply these changes instead of deciding the status
 * themselves. The command side decides whether a change is allowed ({@code Enrolments}); this only says what it is.
 *
 * @param placement the enrolment, whole, as the event carries it
 * @param status    where it stands after the event
 * @param on        the day it started (for {@code ACTIVE}) or ended
 */
public record EnrolmentChange(Placement placement, EnrolmentStatus status, LocalDate on) {

    /** The changes an event makes to enrolments, in order; none for an event that changes no enrolment. */
    public static List<EnrolmentChange> of(Object event) {
        if (event instanceof EnrolledInProgramme e) {
            return List.of(started(e.placement(), e.placement().enrolledOn()));
        }
        if (event instanceof EnrolmentCompleted e) {
            return List.of(new EnrolmentChange(e.placement(), EnrolmentStatus.COMPLETED, e.completedOn()));
        }
        if (event instanceof EnrolmentWithdrawn e) {
            return List.of(new EnrolmentChange(e.placement(), EnrolmentStatus.WITHDRAWN, e.withdrawnOn()));
        }
        if (event instanceof DischargedFromInstitution e) {
            return List.of(new EnrolmentChange(e.placement(), EnrolmentStatus.DISCHARGED, e.dischargedOn()));
        }
        if (event instanceof MovedToApprenticeship e) {
            return List.of(new EnrolmentChange(e.orientation(), EnrolmentStatus.MOVED_TO_APPRENTICESHIP,
                                               e.contractDate()),
                           started(e.apprenticeship(), e.contractDate()));
        }
        return List.of();
    }

    /** The enrolment this change is about. */
    public String enrolmentId() {
        return placement.enrolmentId();
    }

    /** True when the change ends the enrolment. */
    public boolean ends() {
        return status != EnrolmentStatus.ACTIVE;
    }

    private static EnrolmentChange started(Placement placement, LocalDate otherwise) {
        return new EnrolmentChange(placement, EnrolmentStatus.ACTIVE,
                                   placement.enrolledOn() != null ? placement.enrolledOn() : otherwise);
    }
}
