package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * The duplicate record was merged into the survivor. Applied in one unit of work to both records' streams:
 * {@code beneficiaryId} is the stream's own (the survivor's or the duplicate's), so each history tells it. Who merged
 * is the event's {@code userId}; the reason is staff text about the records.
 */
@Revision("1")
public record BeneficiariesMerged(String beneficiaryId, String survivorId, String duplicateId, String reason,
                                  LocalDate mergedOn) implements AboutBeneficiary {

    /** Whether this is the duplicate's own record of the merge. */
    public boolean onDuplicate() {
        return beneficiaryId.equals(duplicateId);
    }

    @Override
    public String toString() {
        return "BeneficiariesMerged[beneficiaryId=" + beneficiaryId + ", survivorId=" + survivorId + ", duplicateId="
                + duplicateId + ", reason=redacted]";
    }
}
