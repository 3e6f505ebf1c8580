package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
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
