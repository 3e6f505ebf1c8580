package ma.masar.query.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.WriteModel;
import ma.masar.query.infra.BatchWrites;
import org.bson.Document;

/**
 * A batch's changes to the name keys' entries (see {@link NameKeyEntries}): people listed under keys, or taken off
 * them. An entry's {@code _id} says all it is, so both are idempotent (an insert by {@code _id} that replaces the entry
 * when the {@code _id} is taken, a delete by {@code _id}) and a batch handled twice does no harm.
 * <p>
 * The projection writes a batch's additions before the people's documents and its removals after them: a crash in
 * between leaves an entry too many (the search checks each candidate's own {@code nameKeys} and drops it), never a
 * person missing from a key she has.
 */
final class NameKeyWrites implements BatchWrites.Pending {

    private final MongoCollection<Document> entries;
    private final Map<String, Document> listed = new LinkedHashMap<>();
    private final Set<String> unlisted = new LinkedHashSet<>();

    NameKeyWrites(MongoCollection<Document> entries) {
        this.entries = entries;
    }

    /** Lists the person, of this sort name, under these name keys from the event of time {@code at}, with her card. */
    void add(String beneficiaryId, long at, Collection<String> keys, String sortName, Document card) {
        for (String key : keys) {
            String id = NameKeyEntries.entryId(key, at, sortName, beneficiaryId);
            Document entry = new Document("_id", id);
            entry.putAll(card);
            listed.put(id, entry);
        }
    }

    /** Lists the person under this key (a centre's, a user's: no card) from the event of time {@code at}. */
    void add(String beneficiaryId, long at, String key) {
        String id = NameKeyEntries.entryId(key, at, beneficiaryId);
        listed.put(id, new Document("_id", id));
    }

    /**
     * The person's name keys, listed since {@code before} under the sort name {@code sortedAs}, are now {@code after},
     * listed since {@code now} under {@code nowSortedAs}: she comes off the entries of the old ones ({@code before}
     * negative: she was listed under none). An entry whose {@code _id} stays the same stays.
     */
    void changed(String beneficiaryId, Collection<String> keys, long before, String sortedAs, Collection<String> after,
                 long now, String nowSortedAs) {
        if (before < 0) {
            return;
        }
        boolean sameIds = before == now && Objects.equals(sortedAs, nowSortedAs);
        for (String key : keys) {
            if (!sameIds || !after.contains(key)) {
                unlisted.add(NameKeyEntries.entryId(key, before, sortedAs, beneficiaryId));
            }
        }
    }

    /**
     * Inserts the entries listed, by {@code _id}, and deletes those taken off; an entry whose {@code _id} is taken
     * already (the batch handled again after a crash, or the card of an event of the same millisecond) is replaced:
     * the upserts of every entry were more than a quarter of the read store's server's samples in a joint rebuild.
     */
    @Override
    public void write() {
        List<WriteModel<Document>> deletes = new ArrayList<>(unlisted.size());
        unlisted.forEach(id -> deletes.add(new DeleteOneModel<>(Filters.eq("_id", id))));
        BatchWrites.insertReplacingTaken(entries, new ArrayList<>(listed.values()), deletes);
        listed.clear();
        unlisted.clear();
    }
}
