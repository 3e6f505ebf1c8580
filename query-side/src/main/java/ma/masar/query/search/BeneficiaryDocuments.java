package ma.masar.query.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import jakarta.annotation.PostConstruct;
import ma.masar.access.Actor;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.EnrolmentChange;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import ma.masar.api.query.EnrolmentStatus;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code beneficiarySearch} collection: one document per beneficiary ({@code _id} the beneficiary id) with the
 * names as registered (Arabic and Latin), their look-up keys ({@code nameKeys}, see {@link NameKeys}), the national
 * ID, where the person lives, and every enrolment with where it stands. The static methods change a document as one
 * event says; they are what the projection applies.
 * <p>
 * Beside it, {@code searchNameKeys} finds people by name key without a scan ({@link NameKeyEntries}).
 */
@Component
public class BeneficiaryDocuments {

    static final String COLLECTION = "beneficiarySearch";
    static final String KEYS_COLLECTION = "searchNameKeys";
    /** Where the name keys were kept as documents per key and bucket, until 2026-12-05: dropped by a rebuild. */
    static final String BUCKETS_COLLECTION = "beneficiaryNameKeys";
    /** Where the name keys' entries were kept without the sort name in their ids, until 2026-12-05: dropped too. */
    static final String UNSORTED_ENTRIES_COLLECTION = "beneficiaryNameEntries";
    /**
     * Where the name keys' entries were kept with nothing beside the key in their ids, until 2026-12-06:
     * dropped too.
     */
    static final String UNPAIRED_ENTRIES_COLLECTION = "searchNameEntries";
    static final String SORT_NAME = "sortName";
    static final String NAME_KEYS = "nameKeys";
    /** Who registered the person: theirs to find until an enrolment places the case in a centre. */
    static final String REGISTERED_BY = "registeredBy";
    /** The survivor a merged record went into, while the merge stands. */
    static final String MERGED_INTO = "mergedInto";

    private final MongoDatabase readStore;
    private final MongoCollection<Document> collection;
    private final MongoCollection<Document> nameKeyEntries;

    public BeneficiaryDocuments(MongoDatabase readStore) {
        this.readStore = readStore;
        this.collection = readStore.getCollection(COLLECTION);
        this.nameKeyEntries = readStore.getCollection(KEYS_COLLECTION);
    }

    /**
     * Whether a social worker of these centres follows the case: enrolled (now or before) in one of them, or
     * registered by {@code userId} and enrolled nowhere yet. The same reach as a scoped search.
     */
    public boolean followedBy(String beneficiaryId, Set<String> centres, String userId) {
        Document person = collection.find(Filters.eq("_id", beneficiaryId))
                                    .projection(Projections.include("enrolments.centreId", REGISTERED_BY)).first();
        return person != null && follows(person, centres, userId);
    }

    /** Whether a social worker of these centres follows the person of this document ({@link #followedBy}). */
    static boolean follows(Document person, Set<String> centres, String userId) {
        List<String> caseCentres = person.getList("enrolments", Document.class, List.of()).stream()
                                         .map(enrolment -> enrolment.getString("centreId")).toList();
        return Actor.follows(centres, userId, caseCentres, person.getString(REGISTERED_BY));
    }

    /** The indexes real MongoDB needs for the search; the embedded stand-in ignores non-unique indexes and scans. */
    @PostConstruct
    void ensureIndexes() {
        collection.createIndex(Indexes.ascending("nationalIdKey"));
        collection.createIndex(Indexes.ascending("region", "sortName"));
        collection.createIndex(Indexes.ascending("enrolments.centreId", "enrolments.status"));
        collection.createIndex(Indexes.ascending("enrolments.programme", "enrolments.status"));
        collection.createIndex(Indexes.ascending("sortName", "_id"));
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    MongoCollection<Document> nameKeyEntries() {
        return nameKeyEntries;
    }

    /** Only the collections that exist: the embedded stand-in logs a stack trace for each one that does not. */
    void drop() {
        List<String> existing = readStore.listCollectionNames().into(new ArrayList<>());
        for (String name : List.of(COLLECTION, KEYS_COLLECTION, BUCKETS_COLLECTION, UNSORTED_ENTRIES_COLLECTION,
                                   UNPAIRED_ENTRIES_COLLECTION)) {
            if (existing.contains(name)) {
                readStore.getCollection(name).drop();
            }
        }
        ensureIndexes();
    }

    /**
     * Whether the read store still has the name keys as they were kept before these entries (in buckets, in entries
     * without sort names, or with nothing beside the key): a rebuild is due.
     */
    boolean hasOlderNameKeys() {
        List<String> existing = readStore.listCollectionNames().into(new ArrayList<>());
        return existing.contains(BUCKETS_COLLECTION) || existing.contains(UNSORTED_ENTRIES_COLLECTION)
               || existing.contains(UNPAIRED_ENTRIES_COLLECTION);
    }

    /** The name people are sorted by: family then given name, folded; in Latin script if she has one, else Arabic. */
    static String sortName(PersonalData data) {
        return data.familyNameLatin() != null || data.givenNameLatin() != null
                ? NameFolding.fold(join(data.familyNameLatin(), data.givenNameLatin()))
                : NameFolding.fold(join(data.familyNameAr(), data.givenNameAr()));
    }

    /** The keys a person's document's names are listed under ({@link NameKeys#entryKeys}); none once erased. */
    static List<String> nameKeysOf(Document person) {
        if (person.getBoolean("erased", false)) {
            return List.of();
        }
        return NameKeys.entryKeys(person.getString("givenNameAr"), person.getString("familyNameAr"),
                             person.getString("givenNameLatin"), person.getString("familyNameLatin"));
    }

    /** The keys a registration's names are listed under ({@link NameKeys#entryKeys}); none when erased. */
    static List<String> nameKeys(PersonalData personal) {
        if (personal == null || personal.erased()) {
            return List.of();
        }
        return NameKeys.entryKeys(personal.givenNameAr(), personal.familyNameAr(), personal.givenNameLatin(),
                             personal.familyNameLatin());
    }

    /**
     * Sets what registration (or a correction) says. The document is replaced whole when written, so a value that
     * becomes null simply goes; documents stay small because on the stand-in write speed follows size (arrays most).
     */
    static void registered(Document person, PersonalData personal, Sex sex, int birthYear, Region region,
                           String province) {
        boolean erased = personal == null || personal.erased();
        PersonalData data = erased ? PersonalData.ERASED : personal;
        putOrRemove(person, "givenNameAr", data.givenNameAr());
        putOrRemove(person, "familyNameAr", data.familyNameAr());
        putOrRemove(person, "givenNameLatin", data.givenNameLatin());
        putOrRemove(person, "familyNameLatin", data.familyNameLatin());
        putOrRemove(person, "nationalId", data.nationalId());
        putOrRemove(person, "nationalIdKey", nationalIdKey(data.nationalId()));
        putOrRemove(person, "erased", erased ? Boolean.TRUE : null);
        putOrRemove(person, "sex", sex == null ? null : sex.name());
        person.put("birthYear", birthYear);
        putOrRemove(person, "region", region == null ? null : region.name());
        putOrRemove(person, "province", province);
        person.remove("tokens");
        person.put(NAME_KEYS, nameKeys(personal));
        person.put(SORT_NAME, erased ? "\uffff" : sortName(data));
        person.putIfAbsent("enrolments", new ArrayList<Document>());
        statuses(person);
    }

    /** Removes everything that identifies the person; sex, birth year, region, province and enrolments stay. */
    static void erased(Document person) {
        for (String key : List.of("givenNameAr", "familyNameAr", "givenNameLatin", "familyNameLatin", "nationalId",
                                  "nationalIdKey")) {
            person.remove(key);
        }
        person.put("erased", Boolean.TRUE);
        person.remove("tokens");
        person.put(NAME_KEYS, new ArrayList<String>());
        person.put(SORT_NAME, "\uffff");
    }

    /** The person's full name in Arabic and in Latin script as compact keys (see {@link NameFolding#compact}). */
    static List<String> compactNames(Document person) {
        return List.of(NameFolding.compact(NameFolding.tokens(person.getString("givenNameAr"),
                                                              person.getString("familyNameAr"))),
                       NameFolding.compact(NameFolding.tokens(person.getString("givenNameLatin"),
                                                              person.getString("familyNameLatin"))));
    }

    static void enrolled(Document person, Placement placement) {
        List<Document> enrolments = enrolments(person);
        enrolments.removeIf(enrolment -> placement.enrolmentId().equals(enrolment.getString("enrolmentId")));
        enrolments.add(new Document("enrolmentId", placement.enrolmentId())
                               .append("centreId", placement.centreId())
                               .append("programme", placement.programme() == null ? null : placement.programme().name())
                               .append("status", EnrolmentStatus.ACTIVE.name())
                               .append("enrolledOn", date(placement.enrolledOn()))
                               .append("endedOn", null));
        person.put("enrolments", enrolments);
        statuses(person);
    }

    /** The enrolment as {@code change} leaves it; an end whose start is not in the document adds it ended. */
    static void apply(Document person, EnrolmentChange change) {
        if (!change.ends()) {
            enrolled(person, change.placement());
            return;
        }
        List<Document> enrolments = enrolments(person);
        Document enrolment = enrolments.stream()
                                       .filter(e -> change.enrolmentId().equals(e.getString("enrolmentId")))
                                       .findFirst()
                                       .orElse(null);
        if (enrolment == null) {
            enrolled(person, change.placement());
            enrolments = enrolments(person);
            enrolment = enrolments.get(enrolments.size() - 1);
        }
        enrolment.put("status", change.status().name());
        enrolment.put("endedOn", date(change.on()));
        person.put("enrolments", enrolments);
        statuses(person);
    }

    static String nationalIdKey(String nationalId) {
        return nationalId == null ? null : nationalId.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static void statuses(Document person) {
        Set<String> statuses = new LinkedHashSet<>();
        for (Document enrolment : enrolments(person)) {
            statuses.add(enrolment.getString("status"));
        }
        person.put("statuses", new ArrayList<>(statuses));
    }

    private static List<Document> enrolments(Document person) {
        List<Document> enrolments = person.getList("enrolments", Document.class);
        return enrolments == null ? new ArrayList<>() : new ArrayList<>(enrolments);
    }

    private static void putOrRemove(Document document, String key, Object value) {
        if (value == null) {
            document.remove(key);
        } else {
            document.put(key, value);
        }
    }

    private static String join(String family, String given) {
        return (family == null ? "" : family) + " " + (given == null ? "" : given);
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
