package ma.masar.query.counts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import com.mongodb.client.model.Filters;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import ma.masar.query.infra.StreamPosition;
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

    @Test
    void anEventThatCommitsLateIsCountedUnderItsOwnIndexNotTheTokensHighestOne() {
        // what Axon's gap-aware token looks like: event 7 arrives after 8 to 10, the token stays at 10 and drops gap 7
        StreamPosition afterTen = new StreamPosition(10, Set.of(7L));
        batch(afterTen, 8, 9, 10).write();
        CounterWrites late = new CounterWrites(counters, position -> { }, afterTen);
        late.reached(new StreamPosition(10, Set.of()));
        late.add(COLLECTION, counter, new Document("programme", "TEST"), Counters.PROGRAMME_FIELDS, "enrolled", 1);
        late.write();

        assertThat(enrolled()).isEqualTo(4);
    }

    /** A batch that reached {@code position}, with one enrolment for each event index. */
    private CounterWrites batch(StreamPosition position, long... eventIndexes) {
        CounterWrites writes = new CounterWrites(counters, written -> { }, StreamPosition.NONE);
        for (long index : eventIndexes) {
            writes.reached(new StreamPosition(index, position.gaps()));
            writes.add(COLLECTION, counter, new Document("programme", "TEST"), Counters.PROGRAMME_FIELDS,
                       "enrolled", 1);
        }
        writes.reached(position);
        return writes;
    }

    private long enrolled() {
        return counters.collection(COLLECTION).find(Filters.eq("_id", counter)).first().get("enrolled", Number.class).longValue();
    }
}
