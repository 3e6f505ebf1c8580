package ma.masar.query.infra;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * Marks each message of one stream with its event's own global index ({@link OwnIndexed}), found by
 * comparing its gap-aware token with the one before it: an event that moves the index on is at that index; one that
 * committed late leaves the index and fills a gap, and is at that gap. When more than one gap went, it is the highest:
 * Axon drops, with it, gaps that fell out of its gap window or waited past its gap timeout (a minute), which are older
 * than any gap a late event still fills. The first message is compared with the token the stream was opened at. Every
 * message the store's stream reads is marked, those its processor never sees too ({@link EventArrivals} leaves out the
 * types it has no handler for after marking them), so each token is compared with the one just before it. Messages
 * with other tokens are left as they are: a global-sequence token (Axon Server) is its event's own index.
 */
public final class GlobalIndexMarks {

    private StreamPosition last;
    private long lastIndex = -1;

    public GlobalIndexMarks(TrackingToken openedAt) {
        this.last = openedAt == null || WrappedToken.unwrap(openedAt, GapAwareTrackingToken.class).isEmpty()
                    ? null : StreamPosition.of(openedAt);
    }

    public TrackedEventMessage<?> mark(TrackedEventMessage<?> message) {
        TrackingToken token = message.trackingToken();
        if (token == null || WrappedToken.unwrap(token, GapAwareTrackingToken.class).isEmpty()) {
            return message;
        }
        StreamPosition reached = StreamPosition.of(token);
        long index = ownIndex(reached);
        last = reached;
        lastIndex = index;
        if (index < 0) {
            return message;
        }
        return OwnIndexed.marked(message, index);
    }

    private long ownIndex(StreamPosition reached) {
        if (last == null || reached.index() > last.index()) {
            return reached.index();
        }
        if (reached.equals(last)) {
            return lastIndex;   // several messages at one token
        }
        long filled = -1;
        for (long gap : last.gaps()) {
            if (!reached.gaps().contains(gap)) {
                filled = Math.max(filled, gap);
            }
        }
        return filled;
    }
}
