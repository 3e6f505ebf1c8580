package ma.masar.query.readiness;

import java.util.ArrayDeque;

/**
 * Whether the read models are behind the events stored, after the start: sampled every second, they are behind while
 * the slowest of them has not reached the event store's head as it was {@code behindAfter} ago. A command's events
 * reach them in a fraction of a second; a bulk import (the demo's included) can outrun them by minutes, and then the
 * search and the counts answer with part of what was recorded.
 * <p>
 * While behind, the progress is counted from where the slowest read model stood when it fell behind: "catching up:
 * N%" of what was recorded since then. Thread-safe: sampled on the scheduler, read by requests.
 */
final class LagWatch {

    /** Behind or not; when behind, the head last sampled and the slowest position when the lag began. */
    record State(boolean behind, long head, long from) {

        /** The percent of the way from {@code from} to the head that a read model at {@code position} has made. */
        int percent(long position) {
            if (!behind) {
                return 100;
            }
            if (position >= head) {
                return 100;
            }
            double span = head - from;
            return (int) Math.max(0, Math.min(99, Math.floor(100 * (position - from) / Math.max(1, span))));
        }
    }

    private final long behindAfterNanos;
    private final ArrayDeque<long[]> heads = new ArrayDeque<>();   // {nanos, head}, oldest first
    private State state = new State(false, -1, -1);

    LagWatch(long behindAfterNanos) {
        this.behindAfterNanos = behindAfterNanos;
    }

    /** One sample: at {@code nanos} the head was {@code head} and the slowest read model at {@code slowest}. */
    synchronized void sample(long nanos, long head, long slowest) {
        heads.addLast(new long[] {nanos, head});
        long[] then = null;
        while (heads.size() > 1 && heads.peekFirst()[0] <= nanos - behindAfterNanos) {
            then = heads.pollFirst();
        }
        if (then != null) {
            heads.addFirst(then);   // the newest sample old enough: the next judgement may need it again
        }
        boolean behind = then != null && slowest < then[1];
        if (!behind) {
            state = new State(false, head, -1);
        } else {
            state = new State(true, head, state.behind() ? state.from() : slowest);
        }
    }

    synchronized State state() {
        return state;
    }
}
