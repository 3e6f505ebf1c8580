package ma.masar.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;

/**
 * A collection of the embedded read store that answers a regex on {@code _id} asking for {@code _id} only from the
 * {@code _id} index, without reading the documents: what MongoDB calls a covered query (an index scan and a
 * projection, no fetch). The H2 backend reads every document the index found, matches it against the query again and
 * projects it. A name search reads a family name's fold entries by {@code _id} only, about 14,000 of them at the 2010
 * population: reading each entry's document was about a fifth of a search's time (BENCHMARKS.md). Every other query
 * is answered as before.
 * <p>
 * The positions the {@code _id} index gives are the documents' {@code _id}s (the H2 backend keys its documents by
 * {@code _id}), and for a query on {@code _id} alone they are exactly the documents that match: the index checked the
 * regex on each key ({@link PrefixSeekingIndex}, or the backend's own walk of the keys).
 */
final class IdCoveringCollection extends H2Collection {

    IdCoveringCollection(MongoDatabase database, String collectionName, CollectionOptions options,
                         MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap, CursorRegistry cursors) {
        super(database, collectionName, options, dataMap, metaMap, cursors);
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

    /** A regex on {@code _id} alone, in no asked order, for {@code _id} alone. */
    private boolean coveredByIdIndex(Document query, Document orderBy, Document fieldSelector) {
        String id = getIdField();
        return id != null
               && query.size() == 1 && BsonRegularExpression.isRegularExpression(query.get(id))
               && (orderBy == null || orderBy.isEmpty())
               && fieldSelector != null && fieldSelector.size() == 1 && fieldSelector.containsKey(id)
               && Utils.isTrue(fieldSelector.get(id));
    }
}
