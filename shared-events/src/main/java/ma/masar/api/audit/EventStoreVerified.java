package ma.masar.api.audit;

import java.util.List;

/**
 * The result of {@link VerifyEventStore}: how many stored events were checked and each one that breaks the
 * chain. {@code supported} is false where the store keeps no chain of ours (Axon Server guards its own files).
 */
public record EventStoreVerified(boolean supported, long checked, List<Break> broken) {

    public enum Problem {
        /** the stored event no longer hashes to the value recorded when it was appended */
        EDITED,
        /** a chain entry exists for an event that is no longer stored, or a sequence number is missing */
        REMOVED,
        /** a stored event that was never appended through the store (no chain entry) */
        UNCHAINED,
        /** the entry does not point at the hash of the aggregate's previous event */
        BROKEN_LINK
    }

    public record Break(Problem problem, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                        String payloadType) {
    }
}
