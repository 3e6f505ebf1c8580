package ma.masar.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.backend.Assert;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A collection of the embedded read store that answers a regex or a range on {@code _id} asking for {@code _id} only
 * from the {@code _id} index, without reading the documents: what MongoDB calls a covered query (an index scan and a
 * projection, no fetch). The H2 backend reads every document the index found, matches it against the query again and
 * projects it. A name search reads a family name's fold entries by {@code _id} only, about 14,000 of them at the 2010
 * population: reading each entry's document was about a fifth of a search's time (BENCHMARKS.md). Every other query
 * is answered as before.
 * <p>
 * The positions the {@code _id} index gives are the documents' {@code _id}s (the H2 backend keys its documents by
 * {@code _id}), and for a query on {@code _id} alone they are exactly the documents that match: the index checked the
 * regex on each key ({@link PrefixSeekingIndex}, or the backend's own walk of the keys), or sought the range of
 * strings (only {@link PrefixSeekingIndex} takes one: else the collection is scanned, and that path does not come
 * here).
 * <p>
 * It also reads a whole collection (no filter, no order, no skip, no limit: an auditor's check of a rebuilt read
 * model, the benchmark's copy) batch by batch as the client asks for them, as MongoDB does, where the H2 backend
 * decodes every document of the collection into the heap before the first batch leaves: at the 2010 population the
 * timelines alone did not fit in a heap of 2 GB (BENCHMARKS.md, eighth session).
 * <p>
 * Its map holds each document's BSON bytes ({@link BsonPages#DOCUMENTS}): a document is encoded when it is written and
 * decoded when it is read, one at a time, so a page read from the file or changed since the last commit holds bytes,
 * not maps.
 */
final class IdCoveringCollection extends H2Collection {

    /** A whole collection's first batch when the client does not say (MongoDB's own default), and its next ones. */
    static final int DEFAULT_FIRST_BATCH = 101;
    static final int DEFAULT_NEXT_BATCH = 1000;

    private final MVMap<Object, byte[]> documents;

    /**
     * The backend's collection is given the map only to keep it: every method of it that reads or writes the map is
     * overridden below, since the map holds each document's BSON bytes ({@link BsonPages#DOCUMENTS}), not documents.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    IdCoveringCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                         MVMap<Object, byte[]> documents, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, (MVMap) documents, metaMap, cursors);
        this.documents = documents;
    }

    // ---- the backend's reads and writes of the map, with documents encoded and decoded here

    @Override
    protected Object addDocumentInternal(Document document) {
        Object id = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        byte[] bson = BsonPages.toBson(document);
        byte[] before = documents.put(Missing.ofNullable(id), bson);
        Assert.isNull(before, () -> "Document with key '" + id + "' already existed in " + this);
        updateDataSize(bson.length);
        return id;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        byte[] bson = BsonPages.toBson(newDocument);
        byte[] before = documents.put(Missing.ofNullable(position), bson);
        updateDataSize(bson.length - (before == null ? 0 : before.length));
    }

    @Override
    protected Document getDocument(Object position) {
        return BsonPages.fromBson(documents.get(position));
    }

    @Override
    protected void removeDocument(Object position) {
        byte[] removed = documents.remove(position);
        if (removed == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
        updateDataSize(-removed.length);
    }

    /**
     * The collection's data size (MongoDB's {@code dataSize} in {@code dbStats} and {@code collStats}) is kept above,
     * from the bytes each write stores. The backend would encode every document it adds, and the old and new version
     * of each it updates, once more only to count their bytes: 3.3% of the CPU samples of a joint rebuild at scale 1
     * (BENCHMARKS.md, "The own index beside the message").
     */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream()
                        .map(entry -> new DocumentWithPosition<>(BsonPages.fromBson(entry.getValue()), entry.getKey()));
    }

    /** A query no index answers: every document, decoded one at a time as the match reaches it. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        Stream<Document> all = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : documents.values().stream().map(BsonPages::fromBson);
        return matchDocumentsFromStream(all, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * A client's find. Only here, not in the backend's own reads for updates and deletes, which take every document
     * the filter matches at once.
     */
    @Override
    public synchronized QueryResult handleQuery(QueryParameters parameters) {
        Document selector = parameters.getQuerySelector();
        Object filter = selector.get("$query");
        Object sort = selector.get("$orderby");
        boolean whole = filter instanceof Document query && query.isEmpty()
                        && (sort == null || sort instanceof Document order && order.isEmpty())
                        && selector.keySet().stream().allMatch(key -> key.equals("$query") || key.equals("$orderby"))
                        && parameters.getNumberToSkip() == 0 && parameters.getLimit() == 0;
        if (!whole) {
            return super.handleQuery(parameters);
        }
        WholeCollection cursor = new WholeCollection(cursorRegistry.generateCursorId(), parameters.getProjection());
        int batchSize = parameters.getBatchSize();
        List<Document> first = cursor.takeDocuments(batchSize > 0 ? batchSize : DEFAULT_FIRST_BATCH);
        if (cursor.isEmpty()) {
            return new QueryResult(first);
        }
        cursorRegistry.add(cursor);
        return new QueryResult(first, cursor);
    }

    /**
     * A whole collection in the order of its {@code _id}s, read a batch at a time from where the last batch ended: a
     * document written meanwhile after that point is read too, one removed is not (MongoDB gives no snapshot across
     * batches either).
     */
    private final class WholeCollection extends AbstractCursor {

        private final Document fieldSelector;
        private Object last;
        private volatile boolean done;

        WholeCollection(long id, Document fieldSelector) {
            super(id);
            this.fieldSelector = fieldSelector;
        }

        @Override
        public boolean isEmpty() {
            return done;
        }

        @Override
        public synchronized List<Document> takeDocuments(int numberToReturn) {
            int wanted = numberToReturn > 0 ? numberToReturn : DEFAULT_NEXT_BATCH;
            List<Document> batch = new ArrayList<>(Math.min(wanted, DEFAULT_NEXT_BATCH));
            Cursor<Object, byte[]> cursor = documents.cursor(last);
            while (batch.size() < wanted && cursor.hasNext()) {
                Object key = cursor.next();
                if (last != null && key.equals(last)) {
                    continue;
                }
                batch.add(BsonPages.fromBson(cursor.getValue()));
                last = key;
            }
            done = !cursor.hasNext();
            if (fieldSelector == null || fieldSelector.isEmpty()) {
                return batch;
            }
            return matchDocumentsFromStream(new Document(), batch.stream(), 0, 0, 0, null, fieldSelector)
                    .collectDocuments();
        }
    }

    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                                         int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        if (!coveredByIdIndex(query, orderBy, fieldSelector)) {
            return super.matchDocuments(query, positions, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        List<Document> ids = new ArrayList<>();
        int skipped = 0;
        for (Object id : positions) {
            if (skipped < numberToSkip) {
                skipped++;
            } else if (limit > 0 && ids.size() >= limit) {
                break;
            } else {
                ids.add(new Document(getIdField(), id));
            }
        }
        return createQueryResult(ids, batchSize);
    }

    /** A regex or a range of strings on {@code _id} alone, in no asked order, for {@code _id} alone. */
    private boolean coveredByIdIndex(Document query, Document orderBy, Document fieldSelector) {
        String id = getIdField();
        return id != null
               && query.size() == 1 && (BsonRegularExpression.isRegularExpression(query.get(id))
                                        || PrefixSeekingIndex.range(query, id) != null)
               && (orderBy == null || orderBy.isEmpty())
               && fieldSelector != null && fieldSelector.size() == 1 && fieldSelector.containsKey(id)
               && Utils.isTrue(fieldSelector.get(id));
    }
}
