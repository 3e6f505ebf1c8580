package ma.masar.personal;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;

import java.util.Date;

/**
 * Production keys: collection {@code personalDataKeys} in a MongoDB database of their own ({@code masar_keys}), not
 * the read store's, so that its access rights and backups can be set apart. Writes wait for a journaled majority: a
 * key must survive a fail-over before the event it encrypted is acknowledged. A destroyed key's document stays,
 * without the key, as the record that the person was erased.
 */
public final class MongoPersonalDataKeys extends StoredPersonalDataKeys {

    static final String COLLECTION = "personalDataKeys";

    private final MongoCollection<Document> keys;

    public MongoPersonalDataKeys(MongoClient client, String database) {
        this.keys = client.getDatabase(database).getCollection(COLLECTION)
                          .withWriteConcern(WriteConcern.MAJORITY.withJournal(true))
                          .withReadConcern(ReadConcern.MAJORITY);
    }

    @Override
    protected boolean insertNew(String beneficiaryId, byte[] key) {
        try {
            keys.insertOne(new Document("_id", beneficiaryId).append("key", new Binary(key))
                                                             .append("createdAt", new Date()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public KeyState keyToDecrypt(String beneficiaryId) {
        Document stored = keys.find(Filters.eq("_id", beneficiaryId)).first();
        if (stored == null) {
            return KeyState.NONE;
        }
        if (stored.get("destroyedAt") != null) {
            return KeyState.DESTROYED;
        }
        return KeyState.of(AesKeys.key(stored.get("key", Binary.class).getData()));
    }

    @Override
    public void destroy(String beneficiaryId) {
        Date now = new Date();
        try {
            keys.updateOne(Filters.and(Filters.eq("_id", beneficiaryId), Filters.eq("destroyedAt", null)),
                           Updates.combine(Updates.unset("key"), Updates.set("destroyedAt", now),
                                           Updates.setOnInsert("createdAt", now)),
                           new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // already destroyed: the filter missed the document and the upsert met its _id
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
