package ma.masar.query.infra;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the read models' processors as soon as new events are stored, in the embedded mode.
 * <p>
 * A pooled streaming processor that has caught up asks its event stream to call it back when more events arrive
 * ({@link BlockingStream#setOnAvailableCallback}); a stream that cannot (the default) leaves it polling every 500 ms.
 * Axon Server's streams call back; the embedded event store's (Axon's {@link EmbeddedEventStore}) do not, so every
 * fact recorded through the API waited 0 to 500 ms before a read model saw it: the live timeline's lag at the 2010
 * population was 316 ms at the median and 605 ms at p99 while the acknowledgement's median was 9 ms (BENCHMARKS.md,
 * "Compaction that waits for dead space").
 * <p>
 * The streams opened here accept the callback. One thread ({@code event-arrivals}) follows the store's head with a
 * stream of its own and calls every registered callback each time events arrive there. It reads from the same cache
 * of recent events as the processors' streams, so an event it sees is one they can read. It wakes them at most every
 * {@value #MIN_PERIOD_MILLIS} ms, so that a busy store does not cut the processors' batches to single events.
 * <p>
 * A processor that takes the callback stops polling: when caught up it waits for a wake-up, or for its
 * {@code token-claim-interval} (2 s here). A wake-up it misses would therefore cost it up to 2 s: one that comes
 * while its coordinator is already running returns at once (Axon's {@code processingGate}). A first version of this
 * class, which woke the processors only on arrivals, was withdrawn after a browser test failed in CI in a way such a
 * miss would explain (a page read before its read model had caught up). So the thread also wakes them every
 * {@value #TICK_MILLIS} ms when nothing arrived: that bounds what any miss can cost, and is the poll they had, five
 * times as often (a coordinator's idle run reads nothing and extends no claim before its threshold).
 * <p>
 * It runs while at least one stream is open and ends by itself when the last one closes (a processor's shutdown or
 * reset). If its head stream fails, it opens another after a tick.
 * <p>
 * The processors' streams are {@link SharedReads}: read models behind the head at the same position (a rebuild) read
 * the store once between them.
 */
public final class EventArrivals implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(EventArrivals.class);
    /** When nothing arrives, the processors are woken this often anyway (see the class's comment). */
    static final int TICK_MILLIS = 100;
    /**
     * At most one wake-up per this period: a busy store (the demo load's 800 events a second) wakes each read model
     * some twenty times a second, for batches of tens of events, instead of once per event.
     */
    private static final long MIN_PERIOD_MILLIS = 50;

    private final EmbeddedEventStore store;
    private final SharedReads reads;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private Thread watcher;   // guarded by this

    private EventArrivals(EmbeddedEventStore store) {
        this.store = store;
        this.reads = new SharedReads(store::openStream);
    }

    /** The source the processors read: the store itself unless it is the embedded one, whose streams need this. */
    public static StreamableMessageSource<TrackedEventMessage<?>> over(EventStore store) {
        return store instanceof EmbeddedEventStore embedded ? new EventArrivals(embedded) : store;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new CallingBackStream(reads.open(trackingToken), new GlobalIndexMarks(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(java.time.Instant dateTime) {
        return store.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(java.time.Duration duration) {
        return store.createTokenSince(duration);
    }

    private synchronized void watchWhileCalledBack() {
        if (watcher == null && !callbacks.isEmpty()) {
            watcher = new Thread(this::watch, "event-arrivals");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    /** Ends the watcher if no stream is open any more; says whether it must go on. */
    private synchronized boolean stillWanted() {
        if (callbacks.isEmpty()) {
            forget();
            return false;
        }
        return true;
    }

    private void watch() {
        try {
            boolean wanted = true;
            while (wanted) {
                try (BlockingStream<TrackedEventMessage<?>> head = store.openStream(store.createHeadToken())) {
                    wanted = followHead(head);
                } catch (RuntimeException e) {
                    // the store is stopping or its stream failed: the next tick opens another if still wanted
                    log.debug("Event arrivals: the head stream ended: {}", e.toString());
                    Thread.sleep(TICK_MILLIS);
                    wanted = stillWanted();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forget();
        }
    }

    /** Wakes the processors until no stream is open any more (false); a failing head stream throws. */
    private boolean followHead(BlockingStream<TrackedEventMessage<?>> head) throws InterruptedException {
        while (stillWanted()) {
            boolean arrived = head.hasNextAvailable(TICK_MILLIS, TimeUnit.MILLISECONDS);
            while (head.hasNextAvailable()) {
                head.nextAvailable();
            }
            callbacks.forEach(Runnable::run);
            if (arrived) {
                Thread.sleep(MIN_PERIOD_MILLIS);
            }
        }
        return false;
    }

    /**
     * Whether this source's own thread is running: while a stream it opened waits to be called back. Asked of the
     * source, not of the threads by name: every application context in a test suite has an {@code event-arrivals}.
     */
    synchronized boolean watching() {
        return watcher != null && watcher.isAlive();
    }

    private synchronized void forget() {
        if (watcher == Thread.currentThread()) {
            watcher = null;
        }
    }

    /**
     * The store's stream, with the callback a caught-up processor asks for, each message marked with its event's own
     * global index ({@link GlobalIndexMarks}), and the events of the types its processor has said it has no handler for
     * left out.
     * <p>
     * Axon's coordinator tells its stream of each such type ({@link #skipMessagesWithPayloadTypeOf}), and Axon
     * Server's streams then no longer send those events; the embedded store's ignored the hint, so every read model's
     * coordinator and work package took every event, most of them only to move its token: of the 1.19 million events
     * of the 2010 population, the read model of the centres handles 31%, the staff's 14 (BENCHMARKS.md, "Events a read
     * model has no handler for"). Here an event of such a type is left out when another event is already
     * there to follow it: that event's token covers the one left out. The last event available is handed out whatever
     * its type, so that the processor's token reaches the head of the store, as readiness and the read models'
     * progress expect. Every event is still marked, in order: a mark is found from the token before it.
     */
    private final class CallingBackStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> delegate;
        private final GlobalIndexMarks marks;
        private final Set<Class<?>> skipped = ConcurrentHashMap.newKeySet();
        private volatile Runnable callback;
        private TrackedEventMessage<?> next;   // read and marked, to be handed out next

        CallingBackStream(BlockingStream<TrackedEventMessage<?>> delegate, GlobalIndexMarks marks) {
            this.delegate = delegate;
            this.marks = marks;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Runnable previous = this.callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            this.callback = callback;
            callbacks.add(callback);
            watchWhileCalledBack();
            delegate.setOnAvailableCallback(callback);   // a shared read wakes its streams as it reads
            return true;
        }

        /**
         * The message to hand out next, read from the store if there is none yet and one is available; an event of a
         * type left out is passed over while another is available after it. Null when nothing is available.
         */
        private TrackedEventMessage<?> next() throws InterruptedException {
            if (next == null) {
                if (!delegate.hasNextAvailable()) {
                    return null;
                }
                next = marks.mark(delegate.nextAvailable());
            }
            while (!skipped.isEmpty() && skipped.contains(next.getPayloadType()) && delegate.hasNextAvailable()) {
                next = marks.mark(delegate.nextAvailable());
            }
            return next;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            try {
                return Optional.ofNullable(next());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return next() != null || delegate.hasNextAvailable(timeout, unit) && next() != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> handedOut = next();
            if (handedOut == null) {
                next = marks.mark(delegate.nextAvailable());   // waits, as the store's own streams do
                handedOut = next();
            }
            next = null;
            return handedOut;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            skipped.add(ignoredMessage.getPayloadType());
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
