package ma.masar.query.counts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.PostConstruct;
import ma.masar.query.infra.ProcessingGroups;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The collections of the {@code counts} read model. No personal data here, only numbers by programme, place and year.
 * <ul>
 *   <li>{@code programmeCounts}: one counter document per programme, region, province, centre and year the
 *   enrolments started: enrolled, active, completed, withdrawn, discharged, movedToApprenticeship.</li>
 *   <li>{@code programmeTotals}: the same counts per year, programme and region, for the questions that name no
 *   province or centre (the dashboard's): a dozen documents a programme and year instead of one per centre.</li>
 *   <li>{@code centreCounts}: per centre type, region, province and year: opened, closed, convertedIn,
 *   convertedOut (a familiarisation centre converted to apprenticeship leaves one type and joins the other);
 *   {@code centreTotals} the same per year, type and region.</li>
 *   <li>{@code partnershipCounts}: per partner type and year signed: agreements signed.</li>
 *   <li>{@code partners}: one document per partner, with the year of its first agreement: partners are counted once
 *   however many agreements they sign.</li>
 *   <li>{@code countedCentres}: each centre's type, region and province, for the events that name only the centre.</li>
 * </ul>
 * Counter documents are small and few, so queries add them up in memory. At the 2010 population the dashboard's
 * question reads 77 programme totals instead of 2,819 centre counters, and 943 centre totals instead of 2,080
 * (BENCHMARKS.md, "Scale 1 to its own table"). The totals came after the first stores were written; {@link CountsTotalsUpgrade} rebuilds a store that has counters but no totals, and
 * {@code readModelShapes} records that this one has them.
 */
@Component
public class Counters {

    static final String PROGRAMMES = "programmeCounts";
    static final String PROGRAMME_TOTALS = "programmeTotals";
    static final String CENTRES = "centreCounts";
    static final String CENTRE_TOTALS = "centreTotals";
    static final String PARTNERSHIPS = "partnershipCounts";
    static final String PARTNERS = "partners";
    static final String COUNTED_CENTRES = "countedCentres";
    /** One document per read model whose documents changed shape since stores were first written. */
    static final String SHAPES = "readModelShapes";

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
        programmeTotals().createIndex(Indexes.ascending("year", "programme", "region"));
        centres().createIndex(Indexes.ascending("year", "type", "region"));
        centreTotals().createIndex(Indexes.ascending("year", "type", "region"));
        partnerships().createIndex(Indexes.ascending("year"));
        partners().createIndex(Indexes.ascending("firstSignedYear"));
    }

    MongoCollection<Document> programmes() {
        return readStore.getCollection(PROGRAMMES);
    }

    MongoCollection<Document> programmeTotals() {
        return readStore.getCollection(PROGRAMME_TOTALS);
    }

    MongoCollection<Document> centreTotals() {
        return readStore.getCollection(CENTRE_TOTALS);
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

    /**
     * Emptied to be built again from the first event, which writes the totals too. Only the collections that exist
     * are dropped: the embedded stand-in logs a stack trace for each one that does not (MongoDB says nothing).
     */
    void drop() {
        Set<String> existing = readStore.listCollectionNames().into(new HashSet<>());
        for (String name : List.of(PROGRAMMES, PROGRAMME_TOTALS, CENTRES, CENTRE_TOTALS, PARTNERSHIPS, PARTNERS,
                                   COUNTED_CENTRES)) {
            if (existing.contains(name)) {
                readStore.getCollection(name).drop();
            }
        }
        ensureIndexes();
        markWithTotals();
    }

    /** Whether this store's counts were built with their totals (from the first event, by this code). */
    boolean withTotals() {
        return readStore.getCollection(SHAPES).find(Filters.eq("_id", ProcessingGroups.COUNTS)).first() != null;
    }

    void markWithTotals() {
        readStore.getCollection(SHAPES).replaceOne(Filters.eq("_id", ProcessingGroups.COUNTS),
                                                   new Document("_id", ProcessingGroups.COUNTS).append("totals", true),
                                                   new ReplaceOptions().upsert(true));
    }

    /** Whether any enrolment or centre has been counted. */
    boolean hasCounters() {
        return programmes().find().first() != null || centres().find().first() != null;
    }
}
