package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Undoes the merge of {@code duplicateId} into its survivor, for the stated reason: two people again. */
public record UndoMerge(@TargetAggregateIdentifier String duplicateId, String reason) implements AboutBeneficiary {

    @Override
    public String beneficiaryId() {
        return duplicateId;
    }

    @Override
    public String toString() {
        return "UndoMerge[duplicateId=" + duplicateId + ", reason=redacted]";
    }
}
