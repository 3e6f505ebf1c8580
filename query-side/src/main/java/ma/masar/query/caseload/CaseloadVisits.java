package ma.masar.query.caseload;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * When each social worker last looked at her caseload, in the read store ({@value #COLLECTION}, {@code _id} the user
 * id). A visit is a run of caseload readings less than {@code masar.caseload.visit-gap} (30 minutes) apart, so that
 * "changed since your last visit" keeps meaning the previous visit while she works through the list. Not built
 * from events, so rebuilds and verifications leave it alone; in the embedded mode it goes with the read store at a
 * restart (the first visit after it shows no changes).
 */
@Component
public class CaseloadVisits {

    static final String COLLECTION = "caseloadVisits";

    private final MongoCollection<Document> visits;
    private final Duration gap;

    public CaseloadVisits(MongoDatabase readStore, @Value("${masar.caseload.visit-gap:PT30M}") Duration gap) {
        this.visits = readStore.getCollection(COLLECTION);
        this.gap = gap;
    }

    /** Records a reading at {@code now}; answers when her previous visit was (null for the first). */
    public Instant visit(String userId, Instant now) {
        Document visit = visits.find(Filters.eq("_id", userId)).first();
        Instant current = visit == null ? null : visit.getDate("current").toInstant();
        Instant previous = visit == null || visit.getDate("previous") == null ? null
                : visit.getDate("previous").toInstant();
        boolean sameVisit = current != null && Duration.between(current, now).compareTo(gap) < 0;
        if (!sameVisit) {
            previous = current;
        }
        Document updated = new Document("_id", userId).append("current", Date.from(now))
                .append("previous", previous == null ? null : Date.from(previous));
        visits.replaceOne(Filters.eq("_id", userId), updated, new ReplaceOptions().upsert(true));
        return previous;
    }
}
