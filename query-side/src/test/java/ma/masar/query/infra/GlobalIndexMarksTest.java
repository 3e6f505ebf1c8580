package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/** Each event's own global index, found from the JDBC store's gap-aware tokens as a stream hands them out. */
class GlobalIndexMarksTest {

    @Test
    void eventsThatCommittedLateAreMarkedWithTheGapTheyFilled() {
        GapAwareTrackingToken openedAt = GapAwareTrackingToken.newInstance(6, List.of());

        assertThat(ownIndexes(openedAt, 10_000, 9, 10, 8, 7, 11)).containsExactly(9L, 10L, 8L, 7L, 11L);
    }

    @Test
    void aStreamFromTheStartMarksItsFirstEventWithItsIndex() {
        assertThat(ownIndexes(null, 10_000, 0, 1, 3, 2)).containsExactly(0L, 1L, 3L, 2L);
    }

    /** Axon drops gaps older than its window as the index moves on; a late event is still the gap it filled. */
    @Test
    void aLateEventIsTheHighestGapThatWentWhenOlderGapsAreDroppedWithIt() {
        GapAwareTrackingToken openedAt = GapAwareTrackingToken.newInstance(20, List.of(7L, 15L));

        assertThat(ownIndexes(openedAt, 10, 15)).containsExactly(15L);
    }

    /**
     * In a rebuild Axon hands each message on with a replay token ({@code withTrackingToken}); a handler may add
     * metadata. The event keeps its own index through both, and its payload and metadata stay its own.
     */
    @Test
    void theOwnIndexStaysWithTheEventThroughAReplayTokenAndAddedMetadata() {
        GapAwareTrackingToken openedAt = GapAwareTrackingToken.newInstance(6, List.of());
        GlobalIndexMarks marks = new GlobalIndexMarks(openedAt);
        marks.mark(message(openedAt.advanceTo(9, 10_000)));
        GapAwareTrackingToken late = openedAt.advanceTo(9, 10_000).advanceTo(8, 10_000);
        TrackedEventMessage<?> original = new GenericTrackedDomainEventMessage<>(late,
                new GenericDomainEventMessage<>("Beneficiary", "b-1", 0, "registered", Map.of("userId", "sw-1")));

        TrackedEventMessage<?> marked = marks.mark(original);
        TrackingToken replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(20, List.of()), late);
        TrackedEventMessage<?> replayed = marked.withTrackingToken(replay);
        EventMessage<?> withMore = replayed.andMetaData(Map.of("traceId", "t-1"));

        assertThat(EventPosition.of(late, marked).index()).isEqualTo(8);
        assertThat(EventPosition.of(replay, replayed).index()).isEqualTo(8);
        assertThat(EventPosition.of(replay, withMore).index()).isEqualTo(8);
        assertThat(replayed.trackingToken()).isEqualTo(replay);
        assertThat(marked.getPayload()).isEqualTo("registered");
        assertThat(marked.getIdentifier()).isEqualTo(original.getIdentifier());
        assertThat(marked.getMetaData()).isEqualTo(Map.of("userId", "sw-1"));
        assertThat(withMore.getMetaData()).isEqualTo(Map.of("userId", "sw-1", "traceId", "t-1"));
    }

    @Test
    void messagesWithAGlobalSequenceAreLeftAsTheyAre() {
        GlobalIndexMarks marks = new GlobalIndexMarks(new GlobalSequenceTrackingToken(4));
        TrackedEventMessage<?> message = message(new GlobalSequenceTrackingToken(5));

        assertThat(marks.mark(message)).isSameAs(message);
        assertThat(EventPosition.of(message.trackingToken(), message).index()).isEqualTo(5);
    }

    private static List<Long> ownIndexes(GapAwareTrackingToken openedAt, int gapWindow, long... committed) {
        GlobalIndexMarks marks = new GlobalIndexMarks(openedAt);
        GapAwareTrackingToken token = openedAt;
        List<Long> marked = new ArrayList<>();
        for (long index : committed) {
            token = token == null ? GapAwareTrackingToken.newInstance(index, List.of())
                                  : token.advanceTo(index, gapWindow);
            TrackedEventMessage<?> message = marks.mark(message(token));
            assertThat(message.trackingToken()).isEqualTo(token);
            marked.add(EventPosition.of(message.trackingToken(), message).index());
        }
        return marked;
    }

    private static TrackedEventMessage<?> message(TrackingToken token) {
        return new GenericTrackedDomainEventMessage<>(token,
                new GenericDomainEventMessage<>("Beneficiary", "b-1", 0, "registered"));
    }
}
