package ma.masar.query.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import ma.masar.query.infra.BatchWrites;
import org.bson.Document;

/**
 * A batch's changes to the name-key documents (see {@link NameKeyDocuments}): people listed under keys, or taken
 * off them. Both are idempotent field writes ({@code $set}, {@code $unset}), so a batch handled twice does no harm.
 * <p>
 * The projection writes a batch's additions before the people's documents and its removals after them: a crash in
 * between leaves a key too many (the search checks each candidate's own {@code nameKeys} and drops it), never a
 * person missing from a key she has.
 */
final class NameKeyWrites implements BatchWrites.Pending {

    private final MongoCollection<Document> nameKeys;
    private final Map<String, Map<String, Object>> added = new LinkedHashMap<>();
    private final Map<String, Set<String>> removed = new LinkedHashMap<>();
    private final Map<String, Set<String>> current = new LinkedHashMap<>();

    NameKeyWrites(MongoCollection<Document> nameKeys) {
        this.nameKeys = nameKeys;
    }

    /** Lists the person under these keys, with her {@link NameKeyDocuments#card card}. */
    void add(String beneficiaryId, Collection<String> keys, Document card) {
        keys.forEach(key -> add(beneficiaryId, key, card));
    }

    /** Lists the person under this key, with this value. */
    void add(String beneficiaryId, String key, Object value) {
        added.computeIfAbsent(beneficiaryId, id -> new LinkedHashMap<>()).put(key, value);
    }

    /** Takes the person off this key. */
    void remove(String beneficiaryId, String key) {
        removed.computeIfAbsent(beneficiaryId, id -> new LinkedHashSet<>()).add(key);
    }

    /** The person's keys went from {@code before} to {@code after}: she comes off those she no longer has. */
    void changed(String beneficiaryId, Collection<String> before, Collection<String> after) {
        Set<String> gone = removed.computeIfAbsent(beneficiaryId, id -> new LinkedHashSet<>());
        gone.addAll(before);
        gone.removeAll(after);
        current.put(beneficiaryId, new HashSet<>(after));
    }

    @Override
    public void write() {
        Map<String, Document> sets = new LinkedHashMap<>();
        added.forEach((id, keys) -> keys.forEach((key, value) -> sets.computeIfAbsent(
                NameKeyDocuments.keyDocumentId(key, id), doc -> new Document())
                .append("ids." + NameKeyDocuments.idField(id), value)));
        Map<String, Document> unsets = new LinkedHashMap<>();
        removed.forEach((id, keys) -> keys.stream()
                                          .filter(key -> !current.getOrDefault(id, Set.of()).contains(key))
                                          .forEach(key -> unsets.computeIfAbsent(
                                                  NameKeyDocuments.keyDocumentId(key, id), doc -> new Document())
                                                  .append("ids." + NameKeyDocuments.idField(id), "")));
        List<WriteModel<Document>> writes = new ArrayList<>();
        sets.forEach((documentId, fields) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", documentId), new Document("$set", fields), new UpdateOptions().upsert(true))));
        unsets.forEach((documentId, fields) -> writes.add(new UpdateOneModel<>(
                Filters.eq("_id", documentId), new Document("$unset", fields))));
        if (!writes.isEmpty()) {
            bulkWrite(writes);
        }
        // a name key no one has any more goes, as a rebuild would not write it; rare (corrections, erasures), so one
        // by one (the stand-in scans for this filter).
        for (String documentId : unsets.keySet()) {
            if (documentId.startsWith(NameKeys.FOLD) || documentId.startsWith(NameKeys.SKELETON)) {
                nameKeys.deleteOne(Filters.and(Filters.eq("_id", documentId), Filters.eq("ids", new Document())));
            }
        }
        added.clear();
        removed.clear();
        current.clear();
    }

    private void bulkWrite(List<WriteModel<Document>> writes) {
        try {
            nameKeys.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            // two segments creating the same key document at once: one insert loses; the writes are idempotent
            nameKeys.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }
}
