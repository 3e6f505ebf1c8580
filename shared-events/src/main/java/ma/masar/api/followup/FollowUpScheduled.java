package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.Personal;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A follow-up was planned on a case. The text says what is to be done about the person, so it is personal data:
 * encrypted with the person's key and erased with it. Kind, due date and assignee stay.
 */
@Revision("1")
public record FollowUpScheduled(String beneficiaryId, String followUpId, FollowUpKind kind, @Personal String what,
                                LocalDate dueOn, String assignedTo, LocalDate scheduledOn) implements AboutBeneficiary {
    @Override
    public String toString() {
        return "FollowUpScheduled[beneficiaryId=" + beneficiaryId + ", followUpId=" + followUpId + ", kind=" + kind
               + ", what=redacted, dueOn=" + dueOn + ", assignedTo=" + assignedTo + ", scheduledOn=" + scheduledOn + "]";
    }
}
