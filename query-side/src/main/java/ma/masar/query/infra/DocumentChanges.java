package ma.masar.query.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
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
 * Idempotent through {@value #APPLIED}, the stream position (index and gaps) a document's changes reached: a change
 * from an event that position has handled ({@link EventPosition#appliedAt}, by the event's own global index) was
 * applied before and is skipped. A batch handled again after a crash thus changes nothing. The position's index alone
 * was not enough (RELIABILITY.md, bug 12): events that commit late, together (a group commit of the demo load or an
 * import), come with the index of the higher events handled before them, and after a restart each comes at its own.
 * <p>
 * A document whose first change in the batch {@link #create creates} it (a registration, a centre opening) is not
 * read: it is inserted. Only when it turns out to exist already (the batch is being handled again after a crash) is
 * it read and changed like the others. A rebuild thus reads almost nothing back.
 */
public final class DocumentChanges implements BatchWrites.Pending {

    public static final String APPLIED = "applied";
    /** What documents written before positions were kept record: the index alone, taken as a position without gaps. */
    public static final String LAST_INDEX = "lastIndex";
    /** Kept beside {@link #LAST_INDEX} for a while (bug 12's first fix); dropped when the document next changes. */
    static final String LAST_SEQUENCE = "lastSequence";

    private final MongoCollection<Document> collection;
    private final Consumer<Set<String>> afterWrite;
    private final Map<String, List<Change>> changes = new LinkedHashMap<>();
    private final Set<String> created = new HashSet<>();

    public DocumentChanges(MongoCollection<Document> collection, Consumer<Set<String>> afterWrite) {
        this.collection = collection;
        this.afterWrite = afterWrite;
    }

    /** Changes the document {@code id} as the event at {@code at} says; creates it when absent. */
    public void change(String id, EventPosition at, Consumer<Document> change) {
        changes.computeIfAbsent(id, key -> new ArrayList<>()).add(new Change(at, change));
    }

    /** Like {@link #change}, for the event that brings the document into being (the first of its aggregate). */
    public void create(String id, EventPosition at, Consumer<Document> change) {
        if (!changes.containsKey(id)) {
            created.add(id);
        }
        change(id, at, change);
    }

    @Override
    public void write() {
        if (changes.isEmpty()) {
            return;
        }
        Set<String> toRead = new HashSet<>(changes.keySet());
        toRead.removeAll(created);
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<String> inserted = new ArrayList<>();
        for (String id : created) {
            Document document = apply(id, null);
            writes.add(new InsertOneModel<>(document));
            inserted.add(id);
        }
        writes.addAll(readAndChange(toRead));
        Set<String> alreadyThere = write(writes, inserted);
        if (!alreadyThere.isEmpty()) {
            write(readAndChange(alreadyThere), List.of());
        }
        afterWrite.accept(changes.keySet());
    }

    private List<WriteModel<Document>> readAndChange(Set<String> ids) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        if (ids.isEmpty()) {
            return writes;
        }
        Map<String, Document> current = new HashMap<>();
        for (Document document : collection.find(Filters.in("_id", ids))) {
            current.put(document.getString("_id"), document);
        }
        for (String id : ids) {
            Document existing = current.get(id);
            Document document = apply(id, existing);
            if (document == null) {
                continue;
            }
            writes.add(existing == null
                    ? new InsertOneModel<>(document)
                    : new ReplaceOneModel<>(Filters.eq("_id", id), document));
        }
        return writes;
    }

    /** The document after the changes it has not seen yet, or null when it has seen them all. */
    private Document apply(String id, Document existing) {
        Document document = existing != null ? existing : new Document("_id", id);
        StreamPosition applied = existing != null ? appliedTo(existing) : StreamPosition.NONE;
        boolean changed = false;
        for (Change change : changes.get(id)) {
            if (!change.at.appliedAt(applied)) {
                change.apply.accept(document);
                applied = applied.union(change.at.reached());
                changed = true;
            }
        }
        if (changed) {
            recordApplied(document, applied);
        }
        return changed ? document : null;
    }

    /**
     * The position a stored document's changes reached ({@value #APPLIED}); for a document written before positions
     * were kept, its {@value #LAST_INDEX} as a position without gaps. Read-model documents changed by many aggregates
     * ({@code CaseloadWrites}) keep it the same way.
     */
    public static StreamPosition appliedTo(Document stored) {
        Document applied = stored.get(APPLIED, Document.class);
        if (applied != null) {
            return StreamPosition.fromDocument(applied);
        }
        Number lastIndex = stored.get(LAST_INDEX, Number.class);
        return lastIndex == null ? StreamPosition.NONE : new StreamPosition(lastIndex.longValue(), Set.of());
    }

    /** Records in the document the position its changes reached, in place of what earlier versions kept. */
    public static void recordApplied(Document document, StreamPosition applied) {
        document.remove(LAST_INDEX);
        document.remove(LAST_SEQUENCE);
        document.put(APPLIED, applied.toDocument());
    }

    /** Writes; returns the ids of {@code inserted} documents that were already there. */
    private Set<String> write(List<WriteModel<Document>> writes, List<String> inserted) {
        Set<String> alreadyThere = new HashSet<>();
        for (int taken : BatchWrites.writeNotingTakenIds(collection, writes, inserted.size())) {
            alreadyThere.add(inserted.get(taken));
        }
        return alreadyThere;
    }

    private record Change(EventPosition at, Consumer<Document> apply) {
    }
}
