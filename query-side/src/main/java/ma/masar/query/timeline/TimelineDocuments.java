package ma.masar.query.timeline;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import ma.masar.query.infra.BatchWrites;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The {@code timeline} collection: one document per fact of a case, never changed once written.
 * <p>
 * Its {@code _id} is {@code <beneficiaryId>/<sequence number>}, the fact's place in the beneficiary's own event
 * stream: as unique and stable as the event id (kept in {@code eventId}). One person's entries are the {@code _id}s
 * that start with {@code <beneficiaryId>/}: an anchored prefix, which real MongoDB answers from the {@code _id} index
 * with index bounds, and the embedded stand-in by seeking to it ({@code PrefixSeekingIndex}). A whole timeline is one
 * such read. (It was read a hundred sequence numbers at a time with {@code $in} until a hundred in a row were missing,
 * from before the stand-in sought prefixes: two hundred look-ups for most people.) No other index.
 * Documents stay small (no nulls, nothing the {@code _id} says): on the stand-in, write speed follows size.
 */
@Component
public class TimelineDocuments {

    static final String COLLECTION = "timeline";

    private final MongoDatabase readStore;
    private final MongoCollection<Document> collection;

    public TimelineDocuments(MongoDatabase readStore) {
        this.readStore = readStore;
        this.collection = readStore.getCollection(COLLECTION);
    }

    static String id(String beneficiaryId, long sequenceNumber) {
        return beneficiaryId + "/" + sequenceNumber;
    }

    static long sequenceOf(Document entry) {
        String id = entry.getString("_id");
        return Long.parseLong(id.substring(id.lastIndexOf('/') + 1));
    }

    void insert(List<Document> entries) {
        BatchWrites.insertIdempotently(collection, entries);
    }

    /** All entries of one beneficiary, in no particular order: one anchored regex on {@code _id}. */
    List<Document> of(String beneficiaryId) {
        return collection.find(Filters.regex("_id", entriesOf(beneficiaryId))).into(new ArrayList<>());
    }

    /** The anchored regex on {@code _id} of one beneficiary's entries, and of no one else's. */
    private static String entriesOf(String beneficiaryId) {
        return "^" + beneficiaryId.replaceAll("[^A-Za-z0-9_-]", "\\\\$0") + "/";
    }

    /** The details of a person's entries that are personal data: note texts, referral purposes, follow-up texts. */
    static final List<String> PERSONAL_DETAILS = List.of("details.text", "details.purpose", "details.what");
    /** The kinds of entries that carry them. */
    static final List<String> WITH_PERSONAL_DETAILS = List.of("CaseNoteAdded", "ReferredToPartner", "FollowUpScheduled");

    /** The person whose entry this is, from its {@code _id} ({@link #id}). */
    static String beneficiaryOf(Document entry) {
        String id = entry.getString("_id");
        return id.substring(0, id.lastIndexOf('/'));
    }

    /** An entry not yet stored, without its personal details, as {@link #erasePersonalDetails} leaves stored ones. */
    static void blankPersonalDetails(Document entry) {
        Document details = entry.get("details", Document.class);
        if (details != null && WITH_PERSONAL_DETAILS.contains(entry.getString("type"))) {
            PERSONAL_DETAILS.forEach(path -> details.remove(path.substring("details.".length())));
        }
    }

    /**
     * Removes the personal details from every entry of one person, found by the anchored {@code _id} prefix (consent
     * purposes are the agency's own words, not the person's, and stay).
     */
    void erasePersonalDetails(String beneficiaryId) {
        collection.updateMany(Filters.and(Filters.regex("_id", entriesOf(beneficiaryId)),
                                          Filters.in("type", WITH_PERSONAL_DETAILS)),
                              Updates.combine(PERSONAL_DETAILS.stream().map(Updates::unset).toList()));
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    void drop() {
        readStore.getCollection(COLLECTION).drop();
    }
}
