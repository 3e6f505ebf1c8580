package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Two records found to be the same person: {@code duplicateId} is merged into {@code survivorId}, for the stated
 * {@code reason} (written by staff about the records, not about the person). Both records keep their histories; the
 * survivor's timeline shows the duplicate's facts, the search shows the survivor only, and commands on the duplicate
 * are refused ({@code BeneficiaryMerged}) until the merge is undone ({@link UndoMerge}).
 */
public record MergeBeneficiaries(@TargetAggregateIdentifier String survivorId, String duplicateId, String reason)
        implements AboutBeneficiary {

    /** The case the sender's centres are checked against first; the handler checks the duplicate's. */
    @Override
    public String beneficiaryId() {
        return survivorId;
    }

    @Override
    public String toString() {
        return "MergeBeneficiaries[survivorId=" + survivorId + ", duplicateId=" + duplicateId + ", reason=redacted]";
    }
}
