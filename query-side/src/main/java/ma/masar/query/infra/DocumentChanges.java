package ma.masar.query.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

/**
 * Changes to whole documents (one per beneficiary, one per centre) collected over a batch: at the end the documents
 * are read once ({@code $in} on {@code _id}), each change applied in memory, and the changed documents written back
 * in one unordered bulk write.
 * <p>
 * Idempotent through {@value #LAST_INDEX}, the global index of the last event applied to a document: a change from an
 * event at or below it was applied before and is skipped. This relies on every event that changes a document coming
 * from one aggregate (its events are stored, and delivered, in order) and on the processor's sequencing policy
 * sending all of an aggregate's events to one segment.
 */
public final class DocumentChanges implements PendingWrites {

    public static final String LAST_INDEX = "lastIndex";

    private final MongoCollection<Document> collection;
    private final Consumer<Set<String>> afterWrite;
    private final Map<String, List<Change>> changes = new LinkedHashMap<>();

    public DocumentChanges(MongoCollection<Document> collection, Consumer<Set<String>> afterWrite) {
        this.collection = collection;
        this.afterWrite = afterWrite;
    }

    /** Changes the document {@code id} as the event at {@code eventIndex} says; creates it when absent. */
    public void change(String id, long eventIndex, Consumer<Document> change) {
        changes.computeIfAbsent(id, key -> new ArrayList<>()).add(new Change(eventIndex, change));
    }

    @Override
    public void write() {
        if (changes.isEmpty()) {
            return;
        }
        Map<String, Document> current = new HashMap<>();
        for (Document document : collection.find(Filters.in("_id", changes.keySet()))) {
            current.put(document.getString("_id"), document);
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Map.Entry<String, List<Change>> entry : changes.entrySet()) {
            String id = entry.getKey();
            Document existing = current.get(id);
            Document document = existing != null ? existing : new Document("_id", id);
            long applied = existing != null ? existing.get(LAST_INDEX, Number.class).longValue() : -1;
            boolean changed = false;
            for (Change change : entry.getValue()) {
                if (change.eventIndex > applied) {
                    change.apply.accept(document);
                    applied = change.eventIndex;
                    document.put(LAST_INDEX, applied);
                    changed = true;
                }
            }
            if (changed) {
                writes.add(existing == null
                        ? new InsertOneModel<>(document)
                        : new ReplaceOneModel<>(Filters.eq("_id", id), document));
            }
        }
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        afterWrite.accept(changes.keySet());
    }

    private record Change(long eventIndex, Consumer<Document> apply) {
    }
}
