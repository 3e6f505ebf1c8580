package ma.masar.query.infra;

import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

/**
 * Inserts documents that never change once written (their {@code _id} names the fact they hold): a document already
 * there was written by an earlier attempt at the same batch and is identical, so duplicate keys are not an error.
 * Unordered inserts are the stand-in's fastest write (upserts run at a quarter of the speed).
 */
public final class IdempotentInserts {

    private IdempotentInserts() {
    }

    public static void insert(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }
}
