package ma.masar.query.caseload;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import ma.masar.query.infra.BatchWrites;
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
 * {@link #prefetch}, any other on first use), changed in memory and written back at the end of the batch. The read model is projected by ONE segment in the event store's order (a centre's
 * documents gather events of many cases), so {@value #LAST_INDEX}, the index of the last event applied to a
 * document, keeps a batch handled again after a crash from applying anything twice.
 */
final class CaseloadWrites implements BatchWrites.Pending {

    static final String LAST_INDEX = "lastIndex";


    private final CaseloadDocuments documents;
    private final Map<String, Map<String, Loaded>> loaded = new LinkedHashMap<>();

    CaseloadWrites(CaseloadDocuments documents) {
        this.documents = documents;
    }

    /** The document as it stands in this batch (an empty one with just its id if there is none). */
    Document read(String collection, String id) {
        return load(collection, id).document;
    }

    /** Applies the event at {@code index} to the document unless it was applied before this batch. */
    void change(String collection, String id, long index, Consumer<Document> change) {
        Loaded document = load(collection, id);
        if (index <= document.storedIndex) {
            return;
        }
        change.accept(document.document);
        document.document.put(LAST_INDEX, index);
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
        long storedIndex = stored == null || stored.get(LAST_INDEX) == null ? -1
                : stored.get(LAST_INDEX, Number.class).longValue();
        return new Loaded(stored != null ? stored : new Document("_id", id), storedIndex);
    }

    @Override
    public void write() {
        loaded.forEach((collection, byId) -> {
            List<WriteModel<Document>> writes = new ArrayList<>();
            byId.forEach((id, document) -> {
                if (document.changed) {
                    writes.add(new ReplaceOneModel<>(Filters.eq("_id", id), document.document,
                            new ReplaceOptions().upsert(true)));
                }
            });
            if (!writes.isEmpty()) {
                documents.collection(collection).bulkWrite(writes, new BulkWriteOptions().ordered(false));
            }
        });
        loaded.clear();
    }

    private static final class Loaded {
        private final Document document;
        private final long storedIndex;
        private boolean changed;

        private Loaded(Document document, long storedIndex) {
            this.document = document;
            this.storedIndex = storedIndex;
        }
    }
}
