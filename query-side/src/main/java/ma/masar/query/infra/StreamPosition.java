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
 * gaps below it. A position covers another when everything handled by the other had been handled by it.
 */
public record StreamPosition(long index, Set<Long> gaps) {

    public static final StreamPosition NONE = new StreamPosition(-1, Set.of());

    public static StreamPosition of(TrackingToken token) {
        if (token == null) {
            throw new IllegalArgumentException("Projections need tracking tokens (a streaming processor)");
        }
        var gapAware = WrappedToken.unwrap(token, GapAwareTrackingToken.class);
        if (gapAware.isPresent()) {
            // a token's gaps never change once it is made (Axon makes a new set for every token): read, not copied
            return new StreamPosition(gapAware.get().getIndex(), gapAware.get().getGaps());
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
     * Whether every event handled by the time {@code earlier} was reached had been handled by this position too: it is
     * not ahead of this one, and none of this position's gaps up to its index was handled there. (A late event's
     * position has the index of the higher events handled before it, without its gap: comparing indexes alone would
     * take it for covered by a position that still lists it as a gap.)
     */
    public boolean covers(StreamPosition earlier) {
        if (earlier.index > index) {
            return false;
        }
        for (long gap : gaps) {
            if (gap <= earlier.index && !earlier.gaps.contains(gap)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the event at the global index {@code eventIndex} had been handled at this position. */
    public boolean handled(long eventIndex) {
        return eventIndex <= index && !gaps.contains(eventIndex);
    }

    /**
     * What was handled at this position or at {@code other}. In one stream a later position covers an earlier one and
     * is their union; read again after a restart, events that were late come in their own order, and a document can
     * hold changes up to a position that the new stream reaches only in parts.
     */
    public StreamPosition union(StreamPosition other) {
        if (other.covers(this)) {
            return other;   // the usual case: a later position of the same stream
        }
        if (covers(other)) {
            return this;
        }
        Set<Long> unhandled = new TreeSet<>();
        for (long gap : gaps) {
            if (!other.handled(gap)) {
                unhandled.add(gap);
            }
        }
        for (long gap : other.gaps) {
            if (!handled(gap)) {
                unhandled.add(gap);
            }
        }
        return new StreamPosition(Math.max(index, other.index), unhandled);
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
