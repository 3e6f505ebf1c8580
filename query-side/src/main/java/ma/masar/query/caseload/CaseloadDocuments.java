package ma.masar.query.caseload;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The caseload read model's collections, each read by {@code _id} only (exact or {@code $in}), the one kind of look-up
 * the embedded stand-in answers from an index (it ignores every other index and would scan):
 * <ul>
 *   <li>{@value #CASES}: one document per case ({@code _id} the beneficiary id): names, enrolments, the last fact,
 *   follow-ups and referrals;</li>
 *   <li>{@value #CENTRES}: one per centre ({@code _id} the centre id): what the caseload shows of each case ever
 *   enrolled there (names, enrolments, last fact, open follow-ups, referrals awaiting an answer), so
 *   that a worker's caseload is one read of her centres' documents, never a scan;</li>
 *   <li>{@value #STATS}: one per centre: its open follow-ups (with due dates) and its referrals (partnership, dates,
 *   outcome), with no name and no text, for the managers' counts;</li>
 *   <li>{@value #PARTNERS}: the kind of partner of each partnership.</li>
 * </ul>
 * The last visit of each worker lives apart ({@link CaseloadVisits}): it is not built from events.
 */
@Component
public class CaseloadDocuments {

    static final String CASES = "caseloadCases";
    static final String CENTRES = "caseloadCentres";
    static final String STATS = "caseloadStats";
    static final String PARTNERS = "caseloadPartners";
    static final List<String> ALL = List.of(CASES, CENTRES, STATS, PARTNERS);

    private final MongoDatabase readStore;

    public CaseloadDocuments(MongoDatabase readStore) {
        this.readStore = readStore;
    }

    MongoCollection<Document> collection(String name) {
        return readStore.getCollection(name);
    }

    List<Document> byIds(String collection, Collection<String> ids) {
        List<Document> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        collection(collection).find(Filters.in("_id", ids)).into(found);
        return found;
    }

    Document byId(String collection, String id) {
        return collection(collection).find(Filters.eq("_id", id)).first();
    }

    void drop() {
        ALL.forEach(name -> readStore.getCollection(name).drop());
    }
}
