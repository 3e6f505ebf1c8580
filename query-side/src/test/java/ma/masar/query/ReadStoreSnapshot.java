package ma.masar.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/** Every read-model document, as sorted JSON per collection, to compare two read stores. */
public final class ReadStoreSnapshot {

    public static final List<String> READ_MODELS = List.of("timeline", "beneficiarySearch", "programmeCounts",
                                                           "programmeTotals", "centreCounts", "centreTotals", "partnershipCounts", "partners",
                                                           "countedCentres", "centres");

    private ReadStoreSnapshot() {
    }

    /** @param ignoredFields fields that legitimately differ between runs (e.g. the batch position of a counter) */
    public static Map<String, List<String>> of(MongoDatabase readStore, Set<String> ignoredFields) {
        Map<String, List<String>> snapshot = new TreeMap<>();
        for (String collection : READ_MODELS) {
            List<String> documents = new ArrayList<>();
            for (Document document : readStore.getCollection(collection).find()) {
                ignoredFields.forEach(document::remove);
                documents.add(document.toJson());
            }
            documents.sort(String::compareTo);
            snapshot.put(collection, documents);
        }
        return snapshot;
    }
}
