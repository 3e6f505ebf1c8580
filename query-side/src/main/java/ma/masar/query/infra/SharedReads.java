package ma.masar.query.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of the event store for every read model that is behind its head at the same place: a rebuild of all of
 * them, or their catch-up after a start.
 * <p>
 * Axon's embedded event store shares its cache of recent events between the streams at its head; a stream behind it
 * reads the store on its own ({@code EmbeddedEventStore}'s private streams). In a rebuild each of the six read models
 * thus fetched every event from H2, upcast it and deserialized it, six times over (BENCHMARKS.md, issue 16: "one
 * shared read of the event stream for all read models").
 * <p>
 * Here a stream opened behind the head joins a <em>run</em>: one thread reads the store from the stream's position
 * with a stream of the store's own (a stream opened at the head is that stream, and no run starts), and the run keeps what it read as a chain of nodes that every stream of the run
 * follows. The messages are shared, so an event's payload is deserialized once (Axon's messages deserialize lazily
 * and keep the result). A stream opened at a position the run still holds (the other read models of a rebuild,
 * started a moment later) joins it there; any other starts a run of its own.
 * <ul>
 *   <li>The run reads at most {@value #LEAD} events ahead of its slowest stream, and holds the last {@value #HELD}
 *   events read for streams still to join: its memory is bounded, whatever the store's size.</li>
 *   <li>When the run has read to the store's head, it ends, and each stream that reaches its end goes on with a
 *   stream of the store's own from where it is: at the head, Axon's shared cache takes over, as before.</li>
 *   <li>A stream that does not move for {@value #LET_GO_NANOS} ns while the run waits for it (a read model whose
 *   read store fails and whose processor waits before it tries again) is let go: it goes on with a stream of the
 *   store's own when it reads again, and the others are not held back by it.</li>
 *   <li>A run ends too when its last stream closes, or when its read fails; its streams then go on on their own, and
 *   a failing store fails them as it did before.</li>
 * </ul>
 * Every stream sees what a stream of the store's own opened at the same position would: the same events with the
 * same tracking tokens, in the same order.
 */
final class SharedReads {

    private static final Logger log = LoggerFactory.getLogger(SharedReads.class);
    /** A run reads at most this many events ahead of its slowest stream. */
    static final int LEAD = 5_000;
    /** A run holds this many of the last events it read, for streams that join it late. */
    static final int HELD = 10_000;
    /** A stream that has not moved for this long while the run waits for it goes on alone. */
    static final long LET_GO_NANOS = 2_000_000_000L;
    /** How often a run wakes its streams' coordinators while it reads (in events). */
    private static final int WAKE_EVERY = 256;

    private final Function<TrackingToken, BlockingStream<TrackedEventMessage<?>>> store;
    private final List<Run> runs = new ArrayList<>();   // guarded by this

    /** {@code store} opens a stream of the store's own at a position. */
    SharedReads(Function<TrackingToken, BlockingStream<TrackedEventMessage<?>>> store) {
        this.store = store;
    }

    /** A stream of the events after {@code token}, read with the other streams at the same position. */
    synchronized BlockingStream<TrackedEventMessage<?>> open(TrackingToken token) {
        for (Run run : runs) {
            Member member = run.join(token);
            if (member != null) {
                return member;
            }
        }
        BlockingStream<TrackedEventMessage<?>> stream = store.apply(token);
        if (!stream.hasNextAvailable()) {
            return stream;   // at the head: Axon's cache of recent events is what the streams there share
        }
        Run run = new Run(token, stream);
        runs.add(run);
        Member member = run.join(token);
        run.start();
        return member;
    }

    /** The runs reading now (for tests). */
    synchronized int runs() {
        return runs.size();
    }

    private synchronized void ended(Run run) {
        runs.remove(run);
    }

    /** An event read, and the position after it (a run's first node holds only its start position). */
    private static final class Node {

        private final long index;
        private final TrackingToken token;
        private final TrackedEventMessage<?> event;
        private volatile Node next;

        private Node(long index, TrackingToken token, TrackedEventMessage<?> event) {
            this.index = index;
            this.token = token;
            this.event = event;
        }
    }

    /** One thread reading the store for the streams that joined it. */
    private final class Run implements Runnable {

        private final TrackingToken start;
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final List<Member> members = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile Node oldest;   // the oldest node a stream can join at
        private volatile Node newest;   // written by the reader only
        private long wokenAt;           // the newest node's index at the last wake-up; the reader's only
        private volatile boolean ended;

        private Run(TrackingToken start, BlockingStream<TrackedEventMessage<?>> stream) {
            this.start = start;
            this.stream = stream;
            this.oldest = this.newest = new Node(0, start, null);
            this.reader = new Thread(this, "shared-read");
            this.reader.setDaemon(true);
        }

        private void start() {
            reader.start();
        }

        /** A stream at {@code token} if this run holds that position and has not ended; null otherwise. */
        private Member join(TrackingToken token) {
            if (ended) {
                return null;
            }
            for (Node node = oldest; node != null; node = node.next) {
                if (Objects.equals(node.token, token)) {
                    Member member = new Member(this, node);
                    members.add(member);
                    return member;
                }
            }
            return null;
        }

        @Override
        public void run() {
            long read = 0;
            try (stream) {
                while (!members.isEmpty() && stream.hasNextAvailable()) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    Node node = new Node(newest.index + 1, event.trackingToken(), event);
                    newest.next = node;
                    newest = node;
                    while (node.index - oldest.index > HELD) {
                        oldest = oldest.next;
                    }
                    if (++read % WAKE_EVERY == 0) {
                        wakeForNewEvents();
                    }
                    awaitRoom();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // its streams go on with streams of their own, which meet the same failure if it lasts; at a stop
                // the store closes after the processors closed their streams, and no stream is left to tell
                if (!members.isEmpty()) {
                    log.warn("A shared read of the event store failed after {} events; its readers go on alone: {}",
                             read, e.toString());
                }
            } finally {
                end();
                log.debug("A shared read from {} ended after {} events", start, read);
            }
        }

        /**
         * Waits while the slowest stream is {@value #LEAD} events behind, unless every stream has gone; lets go of a
         * stream that does not move for {@value #LET_GO_NANOS} ns meanwhile.
         */
        private void awaitRoom() throws InterruptedException {
            long slowest = slowest();
            long since = System.nanoTime();
            while (!members.isEmpty() && newest.index - slowest >= LEAD) {
                wakeForNewEvents();
                LockSupport.parkNanos(1_000_000);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = slowest();
                if (now != slowest) {
                    slowest = now;
                    since = System.nanoTime();
                } else if (System.nanoTime() - since > LET_GO_NANOS) {
                    letGo(slowest);
                    slowest = slowest();
                    since = System.nanoTime();
                }
            }
        }

        private void letGo(long at) {
            for (Member member : members) {
                if (member.at.index == at) {
                    log.debug("A shared read lets go of a stream that did not move for {} ms", LET_GO_NANOS / 1_000_000);
                    member.letGo = true;
                    members.remove(member);
                }
            }
        }

        private long slowest() {
            long slowest = Long.MAX_VALUE;
            for (Member member : members) {
                slowest = Math.min(slowest, member.at.index);
            }
            return slowest;
        }

        /**
         * Wakes the streams' coordinators if events were read since the last wake-up. Not while the read waits with
         * nothing new: a caught-up coordinator woken finds nothing, and the wait polls every millisecond.
         */
        private void wakeForNewEvents() {
            if (newest.index != wokenAt) {
                wokenAt = newest.index;
                wake();
            }
        }

        private void wake() {
            for (Member member : members) {
                Runnable callback = member.callback;
                if (callback != null) {
                    callback.run();
                }
            }
        }

        private void end() {
            ended = true;
            ended(this);
            oldest = null;
            wake();
        }

        private void leave(Member member) {
            members.remove(member);
        }
    }

    /** A read model's stream: the run's events while it reads, then a stream of the store's own. */
    private final class Member implements BlockingStream<TrackedEventMessage<?>> {

        private final Run run;
        private volatile Node at;
        private volatile Runnable callback;
        private volatile boolean letGo;
        private BlockingStream<TrackedEventMessage<?>> own;

        private Member(Run run, Node at) {
            this.run = run;
            this.at = at;
        }

        /**
         * The next node of the run; null when there is none yet, or when this stream reads on its own from now on
         * ({@link #own}): the run has ended, or has let go of it.
         */
        private Node next() {
            if (own != null) {
                return null;
            }
            if (letGo) {
                goOnAlone();
                return null;
            }
            Node next = at.next;
            if (next == null && run.ended) {
                next = at.next;   // read again: the run's last node is written before it ends
                if (next == null) {
                    goOnAlone();
                }
            }
            return next;
        }

        private void goOnAlone() {
            run.leave(this);
            own = store.apply(at.token);
            Runnable registered = callback;
            if (registered != null) {
                own.setOnAvailableCallback(registered);
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            Node next = next();
            if (own != null) {
                return own.peek();
            }
            return next == null ? Optional.empty() : Optional.of(next.event);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                Node next = next();
                if (own != null) {
                    return own.hasNextAvailable((int) Math.max(0, TimeUnit.NANOSECONDS.toMillis(
                            deadline - System.nanoTime())), TimeUnit.MILLISECONDS);
                }
                if (next != null) {
                    return true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return false;
                }
                LockSupport.parkNanos(Math.min(1_000_000, deadline - System.nanoTime()));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                // wait, as the store's own streams do
            }
            if (own != null) {
                return own.nextAvailable();
            }
            Node next = at.next;
            at = next;
            return next.event;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            this.callback = callback;
            if (own != null) {
                own.setOnAvailableCallback(callback);
            }
            return true;
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            if (own != null) {
                own.skipMessagesWithPayloadTypeOf(ignoredMessage);
            }
        }

        @Override
        public void close() {
            run.leave(this);
            if (own != null) {
                own.close();
            }
        }
    }
}
