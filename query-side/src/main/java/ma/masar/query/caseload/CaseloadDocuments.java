package ma.masar.query.caseload;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.EnrolmentChange;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.followup.FollowUpScheduled;
import ma.masar.api.query.EnrolmentStatus;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/**
 * The caseload read model's collections, each read by {@code _id} only (exact or {@code $in}), the one kind of look-up
 * the embedded stand-in answers from an index (it ignores every other index and would scan):
 * <ul>
 *   <li>{@value #CASES}: one document per case ({@code _id} the beneficiary id): names, enrolments, the last fact,
 *   follow-ups and referrals;</li>
 *   <li>{@value #CENTRES}: one per centre ({@code _id} the centre id), its roster: the ids of the cases ever enrolled
 *   there ({@code cases}), so that a worker's caseload is a read of her centres' rosters and then of their cases by
 *   {@code _id}, never a scan. It changes only when a case joins the centre: an earlier layout copied each case
 *   into its centres' documents at every fact, and at the full population the caseload then projected about 100
 *   events/s (BENCHMARKS.md);</li>
 *   <li>{@value #STATS}: one per centre: its open follow-ups (with due dates) and its referrals (partnership, dates,
 *   outcome), with no name and no text, for the managers' counts;</li>
 *   <li>{@value #PARTNERS}: the kind of partner of each partnership.</li>
 * </ul>
 * The last visit of each worker lives apart ({@link CaseloadVisits}): it is not built from events.
 * <p>
 * The static methods shape these documents as one event says; {@link CaseloadProjection} decides which documents an
 * event changes and applies them.
 */
@Component
public class CaseloadDocuments {

    static final String CASES = "caseloadCases";
    static final String CENTRES = "caseloadCentres";
    static final String STATS = "caseloadStats";
    static final String PARTNERS = "caseloadPartners";
    static final List<String> ALL = List.of(CASES, CENTRES, STATS, PARTNERS);
    /** Where a follow-up or referral of a case enrolled nowhere is counted. */
    static final String NO_CENTRE = "-";
    static final int READ_CHUNK = 100;

    private final MongoDatabase readStore;

    public CaseloadDocuments(MongoDatabase readStore) {
        this.readStore = readStore;
    }

    MongoCollection<Document> collection(String name) {
        return readStore.getCollection(name);
    }

    /**
     * The documents with these ids, {@value #READ_CHUNK} ids per {@code $in}: the stand-in finds each by its
     * {@code _id} index, then checks every document found against the whole list again, so a long list costs its
     * square.
     */
    List<Document> byIds(String collection, Collection<String> ids) {
        List<Document> found = new ArrayList<>();
        List<String> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += READ_CHUNK) {
            collection(collection).find(Filters.in("_id", all.subList(from, Math.min(all.size(), from + READ_CHUNK))))
                                  .into(found);
        }
        return found;
    }

    Document byId(String collection, String id) {
        return collection(collection).find(Filters.eq("_id", id)).first();
    }

    void drop() {
        ALL.forEach(name -> readStore.getCollection(name).drop());
    }

    // ---- a case's document

    /** The case's last change (the event's timestamp) and its last fact (the latest date a fact carries). */
    static void factRecorded(Document caseDocument, LocalDate occurredOn, EventMessage<?> message) {
        if (occurredOn != null) {
            String last = caseDocument.getString("lastFactOn");
            if (last == null || last.compareTo(occurredOn.toString()) < 0) {
                caseDocument.put("lastFactOn", occurredOn.toString());
            }
        }
        caseDocument.put("lastChangeAt", Date.from(message.getTimestamp()));
        caseDocument.put("lastChange", message.getPayloadType().getSimpleName());
    }

    /** The names for the worker's list; none once erased. */
    static void names(Document caseDocument, PersonalData personal) {
        if (personal == null || caseDocument.getBoolean("erased", false)) {
            return;
        }
        caseDocument.put("names", new Document("givenNameAr", personal.givenNameAr())
                .append("familyNameAr", personal.familyNameAr())
                .append("givenNameLatin", personal.givenNameLatin())
                .append("familyNameLatin", personal.familyNameLatin()));
    }

    /** The enrolment as {@code change} leaves it; an end of an enrolment the case does not hold changes nothing. */
    static void apply(Document caseDocument, EnrolmentChange change) {
        Document enrolments = caseDocument.get("enrolments", new Document());
        if (!change.ends()) {
            Placement placement = change.placement();
            enrolments.put(placement.enrolmentId(), new Document("centreId", placement.centreId())
                    .append("programme", placement.programme().name())
                    .append("status", EnrolmentStatus.ACTIVE.name())
                    .append("enrolledOn", placement.enrolledOn().toString()));
            caseDocument.put("enrolments", enrolments);
            return;
        }
        Document enrolment = enrolments.get(change.enrolmentId(), Document.class);
        if (enrolment != null) {
            enrolment.put("status", change.status().name());
            enrolment.put("endedOn", change.on().toString());
        }
    }

    /** A follow-up, without its text, counted under {@code centreId}. */
    static void followUpScheduled(Document caseDocument, FollowUpScheduled event, String centreId) {
        Document followUps = caseDocument.get("followUps", new Document());
        followUps.put(event.followUpId(), new Document("kind", event.kind().name())
                .append("dueOn", event.dueOn().toString())
                .append("assignedTo", event.assignedTo())
                .append("centreId", centreId)
                .append("status", "OPEN"));
        caseDocument.put("followUps", followUps);
    }

    /** A referral, without its purpose, counted under {@code centreId}. */
    static void referred(Document caseDocument, ReferredToPartner event, String centreId) {
        Document referrals = caseDocument.get("referrals", new Document());
        referrals.put(event.referralId(), new Document("partnershipId", event.partnershipId())
                .append("referredOn", event.referredOn().toString())
                .append("centreId", centreId));
        caseDocument.put("referrals", referrals);
    }

    /** The centre a follow-up or referral is counted under: the latest active enrolment's, else the latest's. */
    static String centreOf(Document caseDocument) {
        Document enrolments = caseDocument.get("enrolments", new Document());
        String active = null;
        String activeSince = "";
        String any = null;
        String anySince = "";
        for (String enrolmentId : enrolments.keySet()) {
            Document enrolment = enrolments.get(enrolmentId, Document.class);
            String since = enrolment.getString("enrolledOn");
            if (since.compareTo(anySince) >= 0) {
                any = enrolment.getString("centreId");
                anySince = since;
            }
            if (EnrolmentStatus.ACTIVE.name().equals(enrolment.getString("status")) && since.compareTo(activeSince) >= 0) {
                active = enrolment.getString("centreId");
                activeSince = since;
            }
        }
        return active != null ? active : any != null ? any : NO_CENTRE;
    }

    /** The case is on the centre's roster for good: its caseload lists the cases ever enrolled there. */
    static void onRoster(Document centre, String beneficiaryId) {
        Document cases = centre.get("cases", new Document());
        cases.put(beneficiaryId, true);
        centre.put("cases", cases);
    }

    // ---- a centre's counts for managers: no name, no text

    static void followUpOpen(Document stats, FollowUpScheduled event) {
        Document open = stats.get("openFollowUps", new Document());
        open.put(event.beneficiaryId() + "|" + event.followUpId(), event.dueOn().toString());
        stats.put("openFollowUps", open);
    }

    static void referralCounted(Document stats, ReferredToPartner event) {
        Document referrals = stats.get("referrals", new Document());
        referrals.put(event.beneficiaryId() + "|" + event.referralId(),
                new Document("partnershipId", event.partnershipId())
                        .append("referredOn", event.referredOn().toString()));
        stats.put("referrals", referrals);
    }
}
