package ma.masar.query.counts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.EventPosition;
import ma.masar.query.infra.StreamPosition;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The counting of one batch: contributions to counters are added up in memory and written with one bulk write per
 * collection ({@code $inc}, or an insert for a counter seen for the first time).
 * <p>
 * Idempotent without transactions: each counter document records, in {@code applied}, the stream positions of the
 * batches that wrote it (their union), and a contribution is only written when its event's own global index was not
 * handled at that position ({@link EventPosition#appliedAt}). The {@code counts} processor runs one segment, so every
 * event reaches it in the event store's order and a position has handled exactly the events handled before it
 * (gap-aware: an event that commits late is a gap until it arrives). After a crash the batch is handled again:
 * counters written before the crash skip it, the others take it, also when its late events now come in their own
 * order (RELIABILITY.md, bug 12).
 */
final class CounterWrites implements BatchWrites.Pending {

    static final String APPLIED = "applied";

    private final Counters counters;
    private final Runnable afterWrite;
    private final Map<String, Map<String, Counter>> byCollection = new LinkedHashMap<>();
    private final Map<String, Document> partners = new LinkedHashMap<>();
    private final Map<String, Document> centres = new LinkedHashMap<>();
    private EventPosition event = new EventPosition(StreamPosition.NONE, -1);

    CounterWrites(Counters counters, Runnable afterWrite) {
        this.counters = counters;
        this.afterWrite = afterWrite;
    }

    /** Moves the batch's position to this event's; events reach the projection in order. */
    void reached(EventPosition eventPosition) {
        event = eventPosition;
    }

    StreamPosition position() {
        return event.reached();
    }

    void add(String collection, String id, Document key, List<String> fields, String field, long delta) {
        byCollection.computeIfAbsent(collection, name -> new LinkedHashMap<>())
                    .computeIfAbsent(id, counterId -> new Counter(key, fields))
                    .contributions.add(new Contribution(event, field, delta));
    }

    /** A partner signed an agreement in {@code year}: counted once, with the year of its first agreement. */
    void partnerSigned(String partnerId, String partnerType, int year) {
        Document partner = partners.get(partnerId);
        if (partner == null || partner.getInteger("firstSignedYear") > year) {
            partners.put(partnerId, new Document("partnerType", partnerType).append("firstSignedYear", year));
        }
    }

    /** What the batch learned about a centre (opened, converted), written after the counters. */
    Document centre(String centreId) {
        return centres.get(centreId);
    }

    void centre(String centreId, Document facts) {
        centres.put(centreId, facts);
    }

    @Override
    public void write() {
        for (Map.Entry<String, Map<String, Counter>> collection : byCollection.entrySet()) {
            writeCounters(counters.collection(collection.getKey()), collection.getValue());
        }
        writePartners();
        writeCentres();
        afterWrite.run();
    }

    private void writeCounters(MongoCollection<Document> collection, Map<String, Counter> batch) {
        Map<String, StreamPosition> applied = new HashMap<>();
        for (Document counter : collection.find(Filters.in("_id", batch.keySet()))) {
            applied.put(counter.getString("_id"), StreamPosition.fromDocument(counter.get(APPLIED, Document.class)));
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Map.Entry<String, Counter> entry : batch.entrySet()) {
            String id = entry.getKey();
            Counter counter = entry.getValue();
            StreamPosition written = applied.get(id);
            Map<String, Long> sums = new LinkedHashMap<>();
            for (Contribution contribution : counter.contributions) {
                if (written == null || !contribution.at.appliedAt(written)) {
                    sums.merge(contribution.field, contribution.delta, Long::sum);
                }
            }
            if (sums.isEmpty()) {
                continue;
            }
            if (written == null) {
                Document document = new Document("_id", id);
                document.putAll(counter.key);
                for (String field : counter.fields) {
                    document.append(field, sums.getOrDefault(field, 0L));
                }
                document.append(APPLIED, position().toDocument());
                writes.add(new InsertOneModel<>(document));
            } else {
                List<Bson> updates = new ArrayList<>();
                sums.forEach((field, delta) -> updates.add(Updates.inc(field, delta)));
                updates.add(Updates.set(APPLIED, written.union(position()).toDocument()));
                writes.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(updates)));
            }
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** {@code $min} and {@code $setOnInsert} give the same result however often they are applied. */
    private void writePartners() {
        List<WriteModel<Document>> writes = new ArrayList<>();
        partners.forEach((partnerId, partner) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", partnerId),
                Updates.combine(Updates.min("firstSignedYear", partner.getInteger("firstSignedYear")),
                                Updates.setOnInsert("partnerType", partner.getString("partnerType"))),
                new UpdateOptions().upsert(true))));
        if (!writes.isEmpty()) {
            counters.partners().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** Centre facts are set, never counted, so writing them again changes nothing. */
    private void writeCentres() {
        List<WriteModel<Document>> writes = new ArrayList<>();
        centres.forEach((centreId, facts) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", centreId),
                Updates.combine(facts.entrySet().stream().map(fact -> Updates.set(fact.getKey(), fact.getValue()))
                                     .toList()),
                new UpdateOptions().upsert(true))));
        if (!writes.isEmpty()) {
            counters.countedCentres().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    private static final class Counter {
        private final Document key;
        private final List<String> fields;
        private final List<Contribution> contributions = new ArrayList<>();

        private Counter(Document key, List<String> fields) {
            this.key = key;
            this.fields = fields;
        }
    }

    /**
     * {@code at}: the event's own index and the position reached with it, not the position's index alone: an event
     * that commits late leaves the index where it was (higher events were handled before it) and only removes its
     * gap, so the index alone would say a counter written before it had counted it already.
     */
    private record Contribution(EventPosition at, String field, long delta) {
    }
}
