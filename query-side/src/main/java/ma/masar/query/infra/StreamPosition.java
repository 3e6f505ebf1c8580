package ma.masar.query.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;

/**
 * Where an event stands in the event store's global order, read from its tracking token.
 * <p>
 * Assumes a store with a global index: JDBC and JPA (gap-aware tokens), Axon Server and the in-memory store (global
 * sequence tokens), possibly wrapped in a replay token. With JDBC a slow transaction can commit an event with a lower
 * index after higher ones were handled; the token then lists that index as a gap. So a position is an index and the
 * gaps below it, and an event is {@link #covers covered} when its index is at or below the index and not a gap.
 */
public record StreamPosition(long index, Set<Long> gaps) {

    public static final StreamPosition NONE = new StreamPosition(-1, Set.of());

    public static StreamPosition of(TrackingToken token) {
        if (token == null) {
            throw new IllegalArgumentException("Projections need tracking tokens (a streaming processor)");
        }
        var gapAware = WrappedToken.unwrap(token, GapAwareTrackingToken.class);
        if (gapAware.isPresent()) {
            return new StreamPosition(gapAware.get().getIndex(), Set.copyOf(gapAware.get().getGaps()));
        }
        var global = WrappedToken.unwrap(token, GlobalSequenceTrackingToken.class);
        if (global.isPresent()) {
            return new StreamPosition(global.get().getGlobalIndex(), Set.of());
        }
        return new StreamPosition(token.position().orElseThrow(
                () -> new IllegalArgumentException("Token without a position: " + token.getClass().getName())),
                Set.of());
    }

    /**
     * The index of the event that moved a single segment's position from {@code previous} to {@code next}: the new
     * highest index, or, for an event that committed late, the one gap it filled. Falls back to the highest index when
     * the previous position is unknown (the first event after a start).
     */
    public static long eventIndex(StreamPosition previous, StreamPosition next) {
        if (next.index > previous.index) {
            return next.index;
        }
        Set<Long> filled = new TreeSet<>(previous.gaps);
        filled.removeAll(next.gaps);
        return filled.size() == 1 ? filled.iterator().next() : next.index;
    }

    /** Whether the event at {@code eventIndex} was handled by the time this position was reached. */
    public boolean covers(long eventIndex) {
        return eventIndex <= index && !gaps.contains(eventIndex);
    }

    public Document toDocument() {
        return new Document("index", index).append("gaps", new ArrayList<>(new TreeSet<>(gaps)));
    }

    public static StreamPosition fromDocument(Document document) {
        if (document == null) {
            return NONE;
        }
        List<?> gaps = document.getList("gaps", Object.class, List.of());
        Set<Long> gapSet = new TreeSet<>();
        for (Object gap : gaps) {
            gapSet.add(((Number) gap).longValue());
        }
        return new StreamPosition(((Number) document.get("index")).longValue(), gapSet);
    }

    public static StreamPosition later(StreamPosition a, StreamPosition b) {
        return a.index >= b.index ? a : b;
    }
}
