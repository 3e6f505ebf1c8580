package ma.masar.query.infra;

import java.util.Map;

import javax.annotation.Nonnull;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * A message of the event store together with its event's own global index ({@link GlobalIndexMarks}), kept beside
 * the message rather than in its metadata.
 * <p>
 * The index was first added as metadata ({@code andMetaData}). For a message read from the store that reads and
 * parses its stored metadata, and merges it into a new map: for every event, in every read model's stream, the ones
 * it ignores too. In a JFR profile of the scale-1 load that was 5.7% of all CPU samples (BENCHMARKS.md, "The own
 * index beside the message"). Here the message is decorated instead: payload, metadata and timestamp stay the
 * original's, read when a handler asks for them. The index stays with the message when Axon gives it a replay token
 * ({@code withTrackingToken}) or a handler adds metadata.
 */
public interface OwnIndexed {

    /** The event's own global index. */
    long ownIndex();

    /** {@code message} with its own index. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static TrackedEventMessage<?> marked(TrackedEventMessage<?> message, long ownIndex) {
        if (message instanceof DomainEventMessage<?>) {
            return new Domain(message, ownIndex);
        }
        return new Plain(message, ownIndex);
    }

    /** An event of an aggregate, as the JDBC store hands out every event it stores for one. */
    final class Domain<T> extends GenericTrackedDomainEventMessage<T> implements OwnIndexed {

        private final long ownIndex;

        private Domain(TrackedEventMessage<T> message, long ownIndex) {
            super(message.trackingToken(), ((DomainEventMessage<T>) message).getType(),
                  ((DomainEventMessage<T>) message).getAggregateIdentifier(),
                  ((DomainEventMessage<T>) message).getSequenceNumber(), message, message::getTimestamp);
            this.ownIndex = ownIndex;
        }

        @Override
        public long ownIndex() {
            return ownIndex;
        }

        @Override
        public GenericTrackedDomainEventMessage<T> withTrackingToken(TrackingToken trackingToken) {
            return new Domain<>(super.withTrackingToken(trackingToken), ownIndex);
        }

        @Override
        public GenericTrackedDomainEventMessage<T> withMetaData(@Nonnull Map<String, ?> metaData) {
            return new Domain<>(super.withMetaData(metaData), ownIndex);
        }

        @Override
        public GenericTrackedDomainEventMessage<T> andMetaData(@Nonnull Map<String, ?> metaData) {
            return new Domain<>(super.andMetaData(metaData), ownIndex);
        }
    }

    /** An event of no aggregate. */
    final class Plain<T> extends GenericTrackedEventMessage<T> implements OwnIndexed {

        private final long ownIndex;

        private Plain(TrackedEventMessage<T> message, long ownIndex) {
            super(message.trackingToken(), message, message::getTimestamp);
            this.ownIndex = ownIndex;
        }

        @Override
        public long ownIndex() {
            return ownIndex;
        }

        @Override
        public GenericTrackedEventMessage<T> withTrackingToken(TrackingToken trackingToken) {
            return new Plain<>(super.withTrackingToken(trackingToken), ownIndex);
        }

        @Override
        public GenericEventMessage<T> withMetaData(@Nonnull Map<String, ?> metaData) {
            return new Plain<>(new GenericTrackedEventMessage<>(trackingToken(), super.withMetaData(metaData)), ownIndex);
        }

        @Override
        public GenericEventMessage<T> andMetaData(@Nonnull Map<String, ?> metaData) {
            return new Plain<>(new GenericTrackedEventMessage<>(trackingToken(), super.andMetaData(metaData)), ownIndex);
        }
    }
}
