package ma.masar.query.infra;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.concurrent.CountDownLatch;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventArrivalsTest {

    private final EmbeddedEventStore store =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventArrivals source = (EventArrivals) EventArrivals.over(store);

    @AfterEach
    void stopTheStore() {
        store.shutDown();
    }

    @Test
    void aCaughtUpReaderIsCalledBackWhenAnEventIsStoredAndThenReadsIt() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken())) {
            assertThat(stream.setOnAvailableCallback(called::countDown)).as("the callback is taken").isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();

            store.publish(GenericEventMessage.asEventMessage("a note"));

            assertThat(called.await(10, SECONDS)).as("called back once the event is stored").isTrue();
            // on an empty store the thread that calls back may see the event before the store's cache of recent
            // events, which this stream reads, has it (CI saw this once): the event is readable a moment later
            assertThat(stream.hasNextAvailable(1, SECONDS)).as("readable once called back").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("a note");
        }
    }

    @Test
    void aCaughtUpReaderIsWokenAgainWhileNothingArrivesSoThatAMissedWakeUpCostsATickNotTwoSeconds() throws Exception {
        CountDownLatch woken = new CountDownLatch(5);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createHeadToken())) {
            stream.setOnAvailableCallback(woken::countDown);

            // five ticks of 100 ms; a coordinator that took the callback would otherwise wait its 2 s claim interval
            assertThat(woken.await(1_500, MILLISECONDS)).as("woken five times in 1.5 s with no event stored").isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();
        }
    }

    @Test
    void itsThreadEndsWhenTheLastStreamCloses() throws Exception {
        BlockingStream<TrackedEventMessage<?>> first = source.openStream(source.createTailToken());
        BlockingStream<TrackedEventMessage<?>> second = source.openStream(source.createTailToken());
        first.setOnAvailableCallback(() -> { });
        second.setOnAvailableCallback(() -> { });
        assertThat(source.watching()).isTrue();

        first.close();
        Thread.sleep(1_000);
        assertThat(source.watching()).as("one stream still open").isTrue();

        second.close();
        for (int i = 0; i < 50 && source.watching(); i++) {
            Thread.sleep(100);
        }
        assertThat(source.watching()).as("no stream open").isFalse();
    }

    @Test
    void eventsOfATypeItsProcessorHasNoHandlerForAreLeftOutWhileAnotherFollowsThemAndTheLastOneComesAnyway()
            throws Exception {
        store.publish(GenericEventMessage.asEventMessage("registered"), GenericEventMessage.asEventMessage(1),
                      GenericEventMessage.asEventMessage(2), GenericEventMessage.asEventMessage(3),
                      GenericEventMessage.asEventMessage("enrolled"), GenericEventMessage.asEventMessage(4),
                      GenericEventMessage.asEventMessage(5));
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(source.createTailToken())) {
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("registered");
            TrackedEventMessage<?> ignored = stream.nextAvailable();
            assertThat(ignored.getPayload()).as("handed out until the processor says it has no handler").isEqualTo(1);

            stream.skipMessagesWithPayloadTypeOf(ignored);

            assertThat(stream.peek().map(message -> (Object) message.getPayload())).contains("enrolled");
            TrackedEventMessage<?> enrolled = stream.nextAvailable();
            assertThat(enrolled.getPayload()).isEqualTo("enrolled");
            assertThat(enrolled.trackingToken().covers(ignored.trackingToken())).isTrue();
            assertThat(enrolled.trackingToken().position()).as("2 and 3 left out, its token covers them").hasValue(4);
            TrackedEventMessage<?> last = stream.nextAvailable();
            assertThat(last.getPayload()).as("the last event available, whatever its type").isEqualTo(5);
            assertThat(last.trackingToken()).as("the token reaches the head").isEqualTo(store.createHeadToken());
            assertThat(stream.hasNextAvailable()).isFalse();

            store.publish(GenericEventMessage.asEventMessage(6), GenericEventMessage.asEventMessage("completed"));
            assertThat(stream.hasNextAvailable(1, SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("completed");
        }
    }

    @Test
    void anotherEventStoreIsReadAsItIs() {
        EventStore axonServer = mock(EventStore.class);
        assertThat(EventArrivals.over(axonServer)).isSameAs(axonServer);
    }
}
