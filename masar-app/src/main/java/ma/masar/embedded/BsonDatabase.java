package ma.masar.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The H2 backend's database, with its collections' and unique indexes' maps opened with {@link BsonPages}'s types,
 * its collections {@link IdCoveringCollection}s, their {@code _id} indexes {@link IdIndex}es read from the
 * collection's own map, and its other unique indexes {@link PrefixSeekingIndex}es. The store is
 * read from the backend's own field: these are called from its constructor, before a field of this class would be
 * set.
 */
final class BsonDatabase extends H2Database {

    private static final String ID = "_id";
    private static final VarHandle STORE;
    private static final MethodHandle INDEX_MAP_NAME;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(H2Database.class, MethodHandles.lookup());
            STORE = lookup.findVarHandle(H2Database.class, "mvStore", MVStore.class);
            INDEX_MAP_NAME = lookup.findVirtual(H2Database.class, "mapNameForIndex",
                    MethodType.methodType(String.class, String.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    BsonDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVMap<String, Object> meta = store().openMap("meta." + getFullCollectionNamespace(collectionName));
        return new IdCoveringCollection(this, collectionName, options, documents(collectionName), meta,
                                        cursorRegistry);
    }

    /** A collection's documents by {@code _id}: the same map for the collection and its {@link IdIndex}. */
    private MVMap<Object, byte[]> documents(String collectionName) {
        return store().openMap("databases." + getFullCollectionNamespace(collectionName),
                               new MVMap.Builder<Object, byte[]>().keyType(BsonPages.documentIds())
                                       .valueType(BsonPages.DOCUMENTS));
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVMap<KeyValue, Object> map = store().openMap(indexMapName(collectionName, indexName),
                new MVMap.Builder<KeyValue, Object>().keyType(BsonPages.INDEX_KEYS));
        if (keys.size() == 1 && ID.equals(keys.get(0).getKey()) && !sparse) {
            return new IdIndex(documents(collectionName), map, indexName, keys);
        }
        return new PrefixSeekingIndex(map, indexName, keys, sparse);
    }

    /**
     * An index the stand-in does not keep (it keeps only {@code _id} and unique indexes), without the backend's
     * warning at each start. The backend's own stand-in for it ({@link EmptyIndex}) counts as an empty index, and a
     * collection given an empty index at its opening reads and decodes all its documents to fill it: one pass over
     * a whole read model per such index, at every start, 26 of the 29 s a restart took at the 2010 population.
     */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                                                       List<IndexKey> keys, boolean sparse) {
        return new NotKeptIndex(indexName, keys);
    }

    private MVStore store() {
        return (MVStore) STORE.get(this);
    }

    private String indexMapName(String collectionName, String indexName) {
        try {
            return (String) INDEX_MAP_NAME.invoke(this, collectionName, indexName);
        } catch (Throwable e) {
            throw new IllegalStateException("the H2 backend's index map name", e);
        }
    }

    /** Holds nothing, and so needs nothing read to fill it: not "empty" in the sense of an index still to be built. */
    private static final class NotKeptIndex extends EmptyIndex<Object> {

        NotKeptIndex(String name, List<IndexKey> keys) {
            super(name, keys);
        }

        @Override
        public boolean isEmpty() {
            return false;
        }
    }
}
