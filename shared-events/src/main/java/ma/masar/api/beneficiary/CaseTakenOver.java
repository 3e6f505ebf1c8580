package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A social worker took into one of her centres a case that her centres did not follow (enrolling the person there, or
 * receiving her in apprenticeship): recorded in the same unit of work as the enrolment, with the reason she stated, so
 * that auditors see who took which case and why ({@code GET /api/audit/events?type=CaseTakenOver}). Who she is is the
 * event's {@code userId}. The reason is written by staff about the need, not about the person.
 */
@Revision("1")
public record CaseTakenOver(String beneficiaryId, String enrolmentId, String centreId, String reason,
                            LocalDate takenOverOn) implements AboutBeneficiary {

    @Override
    public String toString() {
        return "CaseTakenOver[beneficiaryId=" + beneficiaryId + ", enrolmentId=" + enrolmentId + ", centreId="
                + centreId + ", reason=redacted]";
    }
}
