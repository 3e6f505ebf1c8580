package ma.masar.query.centres;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import jakarta.annotation.PostConstruct;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code centres} collection: one document per centre, {@code _id} the centre id; and beside it the
 * {@code partnerships} collection: one document per partnership agreement, {@code _id} the agreement's id, the
 * directory a social worker picks a partner from when she refers someone.
 */
@Component
public class CentreDocuments {

    static final String COLLECTION = "centres";
    static final String PARTNERSHIPS = "partnerships";

    private final MongoDatabase readStore;
    private final MongoCollection<Document> collection;

    public CentreDocuments(MongoDatabase readStore) {
        this.readStore = readStore;
        this.collection = readStore.getCollection(COLLECTION);
    }

    @PostConstruct
    void ensureIndexes() {
        // the centre list: by region and type, sorted by province and name
        collection.createIndex(Indexes.ascending("region", "type", "province", "nameFr"));
        collection.createIndex(Indexes.ascending("type", "region", "province", "nameFr"));
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    /** A few thousand small documents at most (the agency signs about two hundred a year): read whole. */
    MongoCollection<Document> partnerships() {
        return readStore.getCollection(PARTNERSHIPS);
    }

    Document byId(String centreId) {
        return collection.find(Filters.eq("_id", centreId)).first();
    }

    /** Names of the given centres, by id; centres the read model does not know are left out. */
    public Map<String, CentreName> namesOf(Collection<String> centreIds) {
        Map<String, CentreName> names = new HashMap<>();
        if (centreIds.isEmpty()) {
            return names;
        }
        for (Document centre : collection.find(Filters.in("_id", centreIds))
                                         .projection(Projections.include("nameAr", "nameFr"))) {
            names.put(centre.getString("_id"), new CentreName(centre.getString("nameAr"), centre.getString("nameFr")));
        }
        return names;
    }

    void drop() {
        readStore.getCollection(COLLECTION).drop();
        readStore.getCollection(PARTNERSHIPS).drop();
        ensureIndexes();
    }

    public record CentreName(String arabic, String french) {
    }
}
