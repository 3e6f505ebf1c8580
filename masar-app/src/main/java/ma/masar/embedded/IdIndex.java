package ma.masar.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A collection's {@code _id} index in the embedded read store, read from the collection's own map where the
 * {@code _id} is a string: the H2 backend keys its documents by {@code _id} in a sorted map, so that map already
 * holds every string {@code _id} in order, with the document's position (its {@code _id}) as the key itself. The
 * backend's index kept a second map from each {@code _id} to the same {@code _id}, written at every insert and
 * removal and stored again at every commit: for the search's name keys' entries, small documents that are most of
 * the read store, about as many bytes as the documents themselves (BENCHMARKS.md, twenty-second session).
 * <p>
 * Look-ups, prefix seeks and ranges ({@link PrefixSeekingIndex}) read the collection's map for a string
 * {@code _id}. Any other {@code _id} (an {@code ObjectId} the driver gave a document without one, as the tracking
 * tokens', a number, a document) is kept in the index's own map as before: the backend normalises those keys (a
 * number of any type to a double), which the collection's map does not.
 * <p>
 * The collection checks every index before it stores a document ({@code checkAdd}), so a duplicate string
 * {@code _id} is refused there, by the collection's map; {@link #add} comes after the document is stored and has
 * nothing left to write for it. A removal asks the index for the position first and removes the document after.
 */
final class IdIndex extends PrefixSeekingIndex {

    private final MVMap<Object, byte[]> documents;

    IdIndex(MVMap<Object, byte[]> documents, MVMap<KeyValue, Object> others, String name, List<IndexKey> keys) {
        super(others, name, keys, false);
        this.documents = documents;
    }

    private static String text(KeyValue key) {
        return key.size() == 1 && key.get(0) instanceof String text ? text : null;
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (!(document.get(keys().get(0)) instanceof String)) {
            super.add(document, position, collection);
        }
    }

    @Override
    protected Object getPosition(KeyValue key) {
        String id = text(key);
        if (id == null) {
            return super.getPosition(key);
        }
        return documents.containsKey(id) ? id : null;
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return text(key) != null || super.putKeyPosition(key, position);
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        // the collection removes the document itself once it has its position
        return text(key) == null ? super.removeDocument(key) : getPosition(key);
    }

    @Override
    void walkFrom(String from, KeyVisit visit) {
        Cursor<Object, byte[]> cursor = documents.cursor(from);
        while (cursor.hasNext()) {
            if (!(cursor.next() instanceof String id) || !visit.visit(id, id)) {
                return;
            }
        }
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return () -> Stream.concat(
                documents.keySet().stream().filter(String.class::isInstance)
                         .map(id -> Map.<KeyValue, Object>entry(new KeyValue(id), id)),
                StreamSupport.stream(super.getIterable().spliterator(), false)).iterator();
    }

    @Override
    public long getCount() {
        return documents.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }
}
