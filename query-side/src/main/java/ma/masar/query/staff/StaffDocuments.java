package ma.masar.query.staff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code staff} collection: one document per person, {@code _id} her login name, holding her assignments in the
 * order they were recorded. Looked up by {@code _id} only (no other index: the embedded MongoDB stand-in honours
 * {@code _id} and unique indexes only); the list of everyone is a scan of a few hundred small documents.
 */
@Component
public class StaffDocuments {

    static final String COLLECTION = "staff";

    private final MongoDatabase readStore;

    public StaffDocuments(MongoDatabase readStore) {
        this.readStore = readStore;
    }

    MongoCollection<Document> collection() {
        return readStore.getCollection(COLLECTION);
    }

    void drop() {
        collection().drop();
    }
}
