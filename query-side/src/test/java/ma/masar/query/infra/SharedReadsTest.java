package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedReadsTest {

    /** Counts the events the store hands out, to every stream and to its own cache of recent events. */
    private final AtomicLong eventsRead = new AtomicLong();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine() {
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return super.readEvents(trackingToken, mayBlock).peek(event -> eventsRead.incrementAndGet());
        }
    }).build();
    private final SharedReads reads = new SharedReads(store::openStream);

    @AfterEach
    void stopTheStore() {
        store.shutDown();
    }

    @Test
    void readModelsRebuiltTogetherReadTheStoreOnceAndEachSeesEveryEventInOrder() throws Exception {
        int events = SharedReads.LEAD + 3_000;   // more than the read runs ahead: it is still reading when the second opens
        List<String> expected = stored(events);

        try (BlockingStream<TrackedEventMessage<?>> timeline = reads.open(null);
             BlockingStream<TrackedEventMessage<?>> search = reads.open(null)) {
            List<String> timelineRead = new ArrayList<>();
            List<String> searchRead = new ArrayList<>();
            readInTurn(timeline, timelineRead, events, search, searchRead);
            searchRead.addAll(positionsAndPayloads(search, events - searchRead.size()));
            assertThat(timelineRead).isEqualTo(expected);
            assertThat(searchRead).isEqualTo(expected);
            assertThat(timeline.hasNextAvailable()).isFalse();
            assertThat(search.hasNextAvailable()).isFalse();
        }
        assertThat(eventsRead.get()).as("events read from the store for two read models").isEqualTo(events);
    }

    @Test
    void aSlowReadModelHoldsTheReadBackSoThatWhatIsHeldStaysBounded() throws Exception {
        int events = SharedReads.LEAD * 3;
        List<String> expected = stored(events);

        try (BlockingStream<TrackedEventMessage<?>> fast = reads.open(null);
             BlockingStream<TrackedEventMessage<?>> slow = reads.open(null)) {
            List<String> fastRead = new ArrayList<>();
            while (fast.hasNextAvailable(500, TimeUnit.MILLISECONDS)) {
                fastRead.add(positionAndPayload(fast.nextAvailable()));
            }
            assertThat(fastRead).as("what the fast one reads before the slow one moves")
                                .isEqualTo(expected.subList(0, SharedReads.LEAD));

            List<String> slowRead = new ArrayList<>();
            readInTurn(slow, slowRead, events, fast, fastRead);
            fastRead.addAll(positionsAndPayloads(fast, events - fastRead.size()));
            assertThat(slowRead).isEqualTo(expected);
            assertThat(fastRead).isEqualTo(expected);
        }
        assertThat(eventsRead.get()).as("events read from the store for both").isEqualTo(events);
    }

    @Test
    void aReadModelThatStopsReadingIsLetGoAndTheOthersGoOn() throws Exception {
        int events = SharedReads.LEAD * 2;
        List<String> expected = stored(events);

        try (BlockingStream<TrackedEventMessage<?>> going = reads.open(null);
             BlockingStream<TrackedEventMessage<?>> stopped = reads.open(null)) {
            List<String> stoppedRead = positionsAndPayloads(stopped, 10);

            long start = System.nanoTime();
            assertThat(positionsAndPayloads(going, events)).as("read while the other stands still").isEqualTo(expected);
            assertThat(System.nanoTime() - start).as("held back until the other was let go")
                                                 .isGreaterThanOrEqualTo(SharedReads.LET_GO_NANOS);

            stoppedRead.addAll(positionsAndPayloads(stopped, events - 10));
            assertThat(stoppedRead).as("the one let go reads on, on its own").isEqualTo(expected);
        }
    }

    @Test
    void aReadModelThatStartsAMomentLaterJoinsTheReadWhereItIs() throws Exception {
        int events = SharedReads.LEAD * 2;   // more than the read runs ahead: it is still reading when the second opens
        List<String> expected = stored(events);
        TrackingToken afterFiveHundred = lastTokenOf(expected, 500);
        eventsRead.set(0);

        try (BlockingStream<TrackedEventMessage<?>> first = reads.open(null)) {
            List<String> firstRead = positionsAndPayloads(first, 500);
            TrackingToken reached = first.peek().orElseThrow().trackingToken();
            try (BlockingStream<TrackedEventMessage<?>> second = reads.open(afterFiveHundred)) {
                assertThat(reads.runs()).as("the second joined the first one's read").isEqualTo(1);
                List<String> secondRead = new ArrayList<>();
                readInTurn(second, secondRead, events - 500, first, firstRead);
                assertThat(secondRead).isEqualTo(expected.subList(500, events));
                assertThat(second.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            }
            assertThat(firstRead.get(500)).startsWith(reached.toString());
            firstRead.addAll(positionsAndPayloads(first, events - firstRead.size()));
            assertThat(firstRead).isEqualTo(expected);
        }
        assertThat(eventsRead.get()).as("events read from the store for both").isEqualTo(events);
    }

    @Test
    void eventsStoredAfterTheReadReachedTheHeadAreReadToo() throws Exception {
        store(100);
        try (BlockingStream<TrackedEventMessage<?>> stream = reads.open(null)) {
            assertThat(positionsAndPayloads(stream, 100)).hasSize(100);
            assertThat(stream.hasNextAvailable(200, TimeUnit.MILLISECONDS)).isFalse();
            awaitNoRun();

            store.publish(GenericEventMessage.asEventMessage("a note recorded later"));

            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("a note recorded later");
        }
    }

    @Test
    void aStreamOpenedWhereNoReadIsStartsItsOwnAndTheReadEndsWhenItsStreamsClose() throws Exception {
        store(20);
        List<String> expected = positionsAndPayloads(store.openStream(null), 20);
        try (BlockingStream<TrackedEventMessage<?>> fromTen = reads.open(lastTokenOf(expected, 10))) {
            assertThat(positionsAndPayloads(fromTen, 10)).isEqualTo(expected.subList(10, 20));
        }
        awaitNoRun();

        store(SharedReads.LEAD * 2);
        BlockingStream<TrackedEventMessage<?>> stream = reads.open(null);
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reads.runs()).isEqualTo(1);
        stream.close();
        awaitNoRun();
    }

    private void store(int count) {
        List<EventMessage<?>> events = IntStream.range(0, count)
                                                .<EventMessage<?>>mapToObj(i -> GenericEventMessage.asEventMessage(
                                                        "event " + i))
                                                .toList();
        store.publish(events);
    }

    /** Stores {@code count} events; returns them as a stream of the store's own reads them, and counts from zero. */
    private List<String> stored(int count) throws InterruptedException {
        store(count);
        List<String> expected = positionsAndPayloads(store.openStream(null), count);
        eventsRead.set(0);
        return expected;
    }

    private void awaitNoRun() throws InterruptedException {
        for (int i = 0; i < 100 && reads.runs() > 0; i++) {
            Thread.sleep(50);
        }
        assertThat(reads.runs()).as("reads still running").isZero();
    }

    /** The token after the first {@code count} events, from {@code positionsAndPayloads}' strings. */
    private TrackingToken lastTokenOf(List<String> read, int count) throws InterruptedException {
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            TrackingToken token = null;
            for (int i = 0; i < count; i++) {
                token = stream.nextAvailable().trackingToken();
            }
            assertThat(read.get(count - 1)).startsWith(token.toString());
            return token;
        }
    }

    private static List<String> positionsAndPayloads(BlockingStream<TrackedEventMessage<?>> stream, int count)
            throws InterruptedException {
        List<String> read = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).as("event %d of %d", i + 1, count).isTrue();
            read.add(positionAndPayload(stream.nextAvailable()));
        }
        return read;
    }

    /**
     * Two read models' threads, each reading when it can: {@code count} events of {@code stream}, and after each one
     * of {@code other} if it has one.
     */
    private static void readInTurn(BlockingStream<TrackedEventMessage<?>> stream, List<String> read, int count,
                                   BlockingStream<TrackedEventMessage<?>> other, List<String> otherRead)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            read.addAll(positionsAndPayloads(stream, 1));
            if (other.hasNextAvailable()) {
                otherRead.add(positionAndPayload(other.nextAvailable()));
            }
        }
    }

    private static String positionAndPayload(TrackedEventMessage<?> event) {
        return event.trackingToken() + " " + event.getPayload();
    }
}
