package ma.masar.query.infra;

import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * An event as a projection's idempotency sees it: the stream position reached with it, and its own global index
 * ({@code -1} when not known).
 * <p>
 * The two differ for an event that committed late (JDBC gaps): its position keeps the index of the higher events
 * handled before it and only loses its gap. Several late events of one group commit (an import, the demo load) thus
 * share a position's index; and read again after a restart, when nothing is late any more, each comes at its own
 * index. Whether a document {@link #appliedAt applied} an event is exact with the own index: the event is at or below
 * the document's position and not one of its gaps. The own index is what {@link EventArrivals} marks on each message
 * it hands the processors ({@link #GLOBAL_INDEX}); a global-sequence token (Axon Server) is its event's own index.
 */
public record EventPosition(StreamPosition reached, long index) {

    /** The event now handled, at {@code token}: its own index from the handled message's mark, or from the token. */
    public static EventPosition of(TrackingToken token) {
        EventMessage<?> message = CurrentUnitOfWork.isStarted()
                                  && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> event ? event : null;
        return of(token, message);
    }

    public static EventPosition of(TrackingToken token, EventMessage<?> message) {
        StreamPosition reached = StreamPosition.of(token);
        if (message instanceof OwnIndexed marked) {
            return new EventPosition(reached, marked.ownIndex());
        }
        if (WrappedToken.unwrap(token, GlobalSequenceTrackingToken.class).isPresent()) {
            return new EventPosition(reached, reached.index());
        }
        return new EventPosition(reached, -1);
    }

    /** An event at {@code index} reached at a position without gaps (tests, and documents written before). */
    public static EventPosition at(long index) {
        return new EventPosition(new StreamPosition(index, Set.of()), index);
    }

    /**
     * Whether a document whose changes reached {@code applied} has this event: its own index is at or below the
     * position and not a gap there. Without an own index, whether {@code applied} covers this event's position: the
     * same in the event store's own order, and on the safe side of a late event (never taken for applied when it was
     * not).
     */
    public boolean appliedAt(StreamPosition applied) {
        if (index < 0) {
            return applied.covers(reached);
        }
        return applied.handled(index);
    }
}
