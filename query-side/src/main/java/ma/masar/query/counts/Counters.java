package ma.masar.query.counts;

import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import jakarta.annotation.PostConstruct;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The collections of the {@code counts} read model. No personal data here, only numbers by programme, place and year.
 * <ul>
 *   <li>{@code programmeCounts}: one counter document per programme, region, province, centre and year the
 *   enrolments started: enrolled, active, completed, withdrawn, discharged, movedToApprenticeship.</li>
 *   <li>{@code centreCounts}: per centre type, region, province and year: opened, closed, convertedIn,
 *   convertedOut (a familiarisation centre converted to apprenticeship leaves one type and joins the other).</li>
 *   <li>{@code partnershipCounts}: per partner type and year signed: agreements signed.</li>
 *   <li>{@code partners}: one document per partner, with the year of its first agreement: partners are counted once
 *   however many agreements they sign.</li>
 *   <li>{@code countedCentres}: each centre's type, region and province, for the events that name only the centre.</li>
 * </ul>
 * Counter documents are small and few (thousands), so queries add them up in memory.
 */
@Component
public class Counters {

    static final String PROGRAMMES = "programmeCounts";
    static final String CENTRES = "centreCounts";
    static final String PARTNERSHIPS = "partnershipCounts";
    static final String PARTNERS = "partners";
    static final String COUNTED_CENTRES = "countedCentres";

    static final List<String> PROGRAMME_FIELDS =
            List.of("enrolled", "active", "completed", "withdrawn", "discharged", "movedToApprenticeship");
    static final List<String> CENTRE_FIELDS = List.of("opened", "closed", "convertedIn", "convertedOut");
    static final List<String> PARTNERSHIP_FIELDS = List.of("signed");

    private final MongoDatabase readStore;

    public Counters(MongoDatabase readStore) {
        this.readStore = readStore;
    }

    @PostConstruct
    void ensureIndexes() {
        programmes().createIndex(Indexes.ascending("year", "programme", "region"));
        centres().createIndex(Indexes.ascending("year", "type", "region"));
        partnerships().createIndex(Indexes.ascending("year"));
        partners().createIndex(Indexes.ascending("firstSignedYear"));
    }

    MongoCollection<Document> programmes() {
        return readStore.getCollection(PROGRAMMES);
    }

    MongoCollection<Document> centres() {
        return readStore.getCollection(CENTRES);
    }

    MongoCollection<Document> partnerships() {
        return readStore.getCollection(PARTNERSHIPS);
    }

    MongoCollection<Document> partners() {
        return readStore.getCollection(PARTNERS);
    }

    MongoCollection<Document> countedCentres() {
        return readStore.getCollection(COUNTED_CENTRES);
    }

    MongoCollection<Document> collection(String name) {
        return readStore.getCollection(name);
    }

    void drop() {
        for (String name : List.of(PROGRAMMES, CENTRES, PARTNERSHIPS, PARTNERS, COUNTED_CENTRES)) {
            readStore.getCollection(name).drop();
        }
        ensureIndexes();
    }
}
