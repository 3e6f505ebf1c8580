package ma.masar.query.caseload;

import com.mongodb.client.model.WriteModel;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.DocumentChanges;
import ma.masar.query.infra.EventPosition;
import ma.masar.query.infra.StreamPosition;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The caseload documents a batch changes, read once (by {@code _id}, a batch's cases and rosters together with
 * {@link #prefetch}, any other on first use), changed in memory and written back at the end of the batch. The read
 * model is projected by ONE segment in the event store's order (a centre's documents gather events of many cases).
 * <p>
 * Idempotent like the counters ({@code CounterWrites}): each document records, in {@code applied}, the stream
 * position (index and gaps) its changes reached, and an event whose own index that position has handled was applied
 * before ({@link EventPosition#appliedAt}). A batch handled again after a crash thus applies nothing twice. The
 * position's index alone is not enough: events that commit late, together (a group commit of an import or the demo
 * load), all come with the index of the higher events handled before them. With the index alone, the second of two
 * such events was skipped when they fell into two batches (RELIABILITY.md, bug 12).
 */
final class CaseloadWrites implements BatchWrites.Pending {

    private final CaseloadDocuments documents;
    private final Map<String, Map<String, Loaded>> loaded = new LinkedHashMap<>();

    CaseloadWrites(CaseloadDocuments documents) {
        this.documents = documents;
    }

    /** The document as it stands in this batch (an empty one with just its id if there is none). */
    Document read(String collection, String id) {
        return load(collection, id).document;
    }

    /** Applies the event at {@code at} to the document unless it was applied before. */
    void change(String collection, String id, EventPosition at, Consumer<Document> change) {
        Loaded document = load(collection, id);
        if (at.appliedAt(document.applied)) {
            return;
        }
        change.accept(document.document);
        document.applied = document.applied.union(at.reached());
        DocumentChanges.recordApplied(document.document, document.applied);
        document.changed = true;
    }

    /**
     * Reads these documents now, a hundred per query, instead of one round trip each on first use: a batch of a
     * thousand events touches a few hundred cases. Ids with no document are remembered as new.
     */
    void prefetch(String collection, Collection<String> ids) {
        Map<String, Loaded> byId = loaded.computeIfAbsent(collection, name -> new HashMap<>());
        List<String> wanted = ids.stream().filter(id -> !byId.containsKey(id)).distinct().toList();
        for (Document stored : documents.byIds(collection, wanted)) {
            byId.put(stored.getString("_id"), loaded(stored.getString("_id"), stored));
        }
        wanted.forEach(id -> byId.computeIfAbsent(id, key -> loaded(key, null)));
    }

    private Loaded load(String collection, String id) {
        return loaded.computeIfAbsent(collection, name -> new HashMap<>())
                     .computeIfAbsent(id, key -> loaded(key, documents.byId(collection, key)));
    }

    private static Loaded loaded(String id, Document stored) {
        return stored == null ? new Loaded(new Document("_id", id), true, StreamPosition.NONE)
                : new Loaded(stored, false, DocumentChanges.appliedTo(stored));
    }

    /**
     * Writes the documents the batch changed: those it found absent are inserted (an {@code _id} taken meanwhile, by
     * an earlier attempt at the batch, is replaced instead), the others replaced.
     */
    @Override
    public void write() {
        loaded.forEach((collection, byId) -> {
            List<Document> inserts = new ArrayList<>();
            List<WriteModel<Document>> replaces = new ArrayList<>();
            byId.forEach((id, document) -> {
                if (document.changed && document.isNew) {
                    inserts.add(document.document);
                } else if (document.changed) {
                    replaces.add(BatchWrites.replacing(document.document));
                }
            });
            BatchWrites.insertReplacingTaken(documents.collection(collection), inserts, replaces);
        });
        loaded.clear();
    }

    private static final class Loaded {
        private final Document document;
        private final boolean isNew;
        private StreamPosition applied;
        private boolean changed;

        private Loaded(Document document, boolean isNew, StreamPosition applied) {
            this.document = document;
            this.isNew = isNew;
            this.applied = applied;
        }
    }
}
