package ma.masar.query.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import ma.masar.query.infra.EventPosition;
import ma.masar.query.infra.StreamPosition;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The counters' guard against counting an event twice, including events that commit late (gaps in the stream). */
class CounterWritesTest extends QuerySideTest {

    @Autowired
    Counters counters;

    /** Not a read model's collection: these counters count nothing real. */
    private static final String COLLECTION = "testCounts";

    private final String counter = Facts.newId("counter");

    @Test
    void writingTheSameBatchTwiceCountsItOnce() {
        batch(new StreamPosition(10, Set.of()), 8, 9, 10).write();
        batch(new StreamPosition(10, Set.of()), 8, 9, 10).write();

        assertThat(enrolled()).isEqualTo(3);
    }

    @Test
    void aBatchHandledAgainWithNewerEventsCountsOnlyTheNewOnes() {
        batch(new StreamPosition(10, Set.of()), 8, 9, 10).write();
        batch(new StreamPosition(12, Set.of()), 8, 9, 10, 11, 12).write();

        assertThat(enrolled()).isEqualTo(5);
    }

    @Test
    void anEventThatCommitsLateIsCountedWhenItArrivesAndOnlyOnce() {
        // event 7 was still in a transaction when 8 to 10 were handled: a gap
        batch(new StreamPosition(10, Set.of(7L)), 8, 9, 10).write();
        batch(new StreamPosition(10, Set.of()), 7).write();
        batch(new StreamPosition(10, Set.of()), 7).write();

        assertThat(enrolled()).isEqualTo(4);
    }

    /**
     * 9 to 12 and then 8, late, were counted in one batch while 7 was still a gap, and the process was killed before
     * the processor stored its token. Read again after the restart, 7 has committed and every event comes at its own
     * index, in order: only 7 is new. (Compared by positions alone, 8 to 12 were counted again: their new positions
     * hold 7, which the counter's position lacks.)
     */
    @Test
    void aBatchReadAgainInItsOwnOrderAfterAKillCountsOnlyWhatItHadNot() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(6, List.of());
        CounterWrites first = new CounterWrites(counters, () -> { });
        for (long index : new long[] {9, 10, 11, 12, 8}) {
            token = token.advanceTo(index, 10_000);
            first.reached(new EventPosition(StreamPosition.of(token), index));
            first.add(COLLECTION, counter, new Document("programme", "TEST"), Counters.PROGRAMME_FIELDS, "enrolled", 1);
        }
        first.write();
        assertThat(StreamPosition.of(token)).isEqualTo(new StreamPosition(12, Set.of(7L)));

        CounterWrites again = new CounterWrites(counters, () -> { });
        for (long index = 7; index <= 12; index++) {
            again.reached(EventPosition.at(index));
            again.add(COLLECTION, counter, new Document("programme", "TEST"), Counters.PROGRAMME_FIELDS, "enrolled", 1);
        }
        again.write();

        assertThat(enrolled()).isEqualTo(6);
    }

    /**
     * The JDBC event store's token: 9 to 12 handled while 7 and 8 were still in their transactions; then 8 commits
     * and is handled. Its position keeps the index 12 (only the gap goes), so a counter written up to 12 with 8 as
     * a gap must still take it, and once only.
     */
    @Test
    void aLateEventIsCountedThoughItsPositionHasTheIndexOfHigherEvents() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(6, List.of());
        CounterWrites first = new CounterWrites(counters, () -> { });
        for (long index = 9; index <= 12; index++) {
            token = token.advanceTo(index, 10_000);
            first.reached(new EventPosition(StreamPosition.of(token), index));
            first.add(COLLECTION, counter, new Document("programme", "TEST"), Counters.PROGRAMME_FIELDS, "enrolled", 1);
        }
        first.write();
        assertThat(StreamPosition.of(token)).isEqualTo(new StreamPosition(12, Set.of(7L, 8L)));

        GapAwareTrackingToken late = token.advanceTo(8, 10_000);
        assertThat(StreamPosition.of(late)).isEqualTo(new StreamPosition(12, Set.of(7L)));
        for (int times = 0; times < 2; times++) {
            CounterWrites again = new CounterWrites(counters, () -> { });
            again.reached(new EventPosition(StreamPosition.of(late), 8));
            again.add(COLLECTION, counter, new Document("programme", "TEST"), Counters.PROGRAMME_FIELDS, "enrolled", 1);
            again.write();
        }

        assertThat(enrolled()).isEqualTo(5);
    }

    /** A batch that reached {@code position}, with one enrolment for each event index. */
    private CounterWrites batch(StreamPosition position, long... eventIndexes) {
        CounterWrites writes = new CounterWrites(counters, () -> { });
        for (long index : eventIndexes) {
            writes.reached(new EventPosition(new StreamPosition(index, position.gaps()), index));
            writes.add(COLLECTION, counter, new Document("programme", "TEST"), Counters.PROGRAMME_FIELDS,
                       "enrolled", 1);
        }
        writes.reached(new EventPosition(position, position.index()));
        return writes;
    }

    private long enrolled() {
        return counters.collection(COLLECTION).find(Filters.eq("_id", counter)).first().get("enrolled", Number.class).longValue();
    }
}
