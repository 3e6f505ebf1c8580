package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A merge was undone: the two records are two people again. Applied in one unit of work to both streams, as
 * {@link BeneficiariesMerged} was; the merge itself stays in both histories.
 */
@Revision("1")
public record MergeUndone(String beneficiaryId, String survivorId, String duplicateId, String reason,
                          LocalDate undoneOn) implements AboutBeneficiary {

    public boolean onDuplicate() {
        return beneficiaryId.equals(duplicateId);
    }

    @Override
    public String toString() {
        return "MergeUndone[beneficiaryId=" + beneficiaryId + ", survivorId=" + survivorId + ", duplicateId="
                + duplicateId + ", reason=redacted]";
    }
}
