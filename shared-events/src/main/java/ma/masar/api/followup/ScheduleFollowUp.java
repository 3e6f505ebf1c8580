package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.Personal;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Plans a follow-up on a case: what (a kind and a text), by when, and which social worker is to do it. */
public record ScheduleFollowUp(@TargetAggregateIdentifier String beneficiaryId,
                               String followUpId,
                               FollowUpKind kind,
                               @Personal String what,
                               LocalDate dueOn,
                               String assignedTo,
                               LocalDate scheduledOn) implements AboutBeneficiary {
    @Override
    public String toString() {
        return "ScheduleFollowUp[beneficiaryId=" + beneficiaryId + ", followUpId=" + followUpId + ", kind=" + kind
               + ", what=redacted, dueOn=" + dueOn + ", assignedTo=" + assignedTo + ", scheduledOn=" + scheduledOn + "]";
    }
}
