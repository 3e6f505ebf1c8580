package ma.masar.query.caseload;

import ma.masar.api.beneficiary.BeneficiariesMerged;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.MergeUndone;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.ConsentGiven;
import ma.masar.api.beneficiary.ConsentWithdrawn;
import ma.masar.api.beneficiary.DischargedFromInstitution;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.ServiceDelivered;
import ma.masar.api.followup.FollowUpCancelled;
import ma.masar.api.followup.FollowUpDone;
import ma.masar.api.followup.FollowUpScheduled;
import ma.masar.api.followup.ReferralDeadlineSet;
import ma.masar.api.followup.ReferralOutcomeRecorded;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.api.query.EnrolmentStatus;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.StreamPosition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import static ma.masar.query.caseload.CaseloadDocuments.CASES;
import static ma.masar.query.caseload.CaseloadDocuments.CENTRES;
import static ma.masar.query.caseload.CaseloadDocuments.PARTNERS;
import static ma.masar.query.caseload.CaseloadDocuments.STATS;

/**
 * Projects the caseload read model ({@link CaseloadDocuments}). Every fact of a case moves its last change (the
 * event's timestamp, for "changed since your last visit") and its last fact (the latest date a fact carries, for
 * "quiet for N weeks"). A follow-up or a referral is counted for managers under the centre of the case's latest
 * active enrolment at the time it is scheduled or made (else its latest enrolment; else under no centre, "-").
 * Names are kept for the worker's list and blanked at erasure; follow-up texts and referral purposes are not kept.
 */
@Component
@ProcessingGroup(ProcessingGroups.CASELOAD)
public class CaseloadProjection {

    static final String NO_CENTRE = "-";

    private final CaseloadDocuments documents;

    public CaseloadProjection(CaseloadDocuments documents) {
        this.documents = documents;
    }

    // ---- who the person is

    @EventHandler
    void on(BeneficiaryRegistered event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.registeredOn(), message, token, c -> names(c, event.personal()));
    }

    @EventHandler
    void on(RegistrationCorrected event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), null, message, token, c -> names(c, event.personal()));
    }

    @EventHandler
    void on(PersonalDataErased event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.erasedOn(), message, token, c -> {
            c.remove("names");
            c.put("erased", true);
        });
    }

    /** A record merged into another is marked, so the caseload lists and counts the person once: as the survivor. */
    @EventHandler
    void on(BeneficiariesMerged event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.mergedOn(), message, token, c -> {
            if (event.onDuplicate()) {
                c.put("mergedInto", event.survivorId());
            }
        });
    }

    @EventHandler
    void on(MergeUndone event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.undoneOn(), message, token, c -> {
            if (event.onDuplicate()) {
                c.remove("mergedInto");
            }
        });
    }

    private static void names(Document caseDocument, PersonalData personal) {
        if (personal == null || caseDocument.getBoolean("erased", false)) {
            return;
        }
        caseDocument.put("names", new Document("givenNameAr", personal.givenNameAr())
                .append("familyNameAr", personal.familyNameAr())
                .append("givenNameLatin", personal.givenNameLatin())
                .append("familyNameLatin", personal.familyNameLatin()));
    }

    // ---- enrolments: the case joins its centres' rosters for good; its status there is read from the case

    @EventHandler
    void on(EnrolledInProgramme event, EventMessage<?> message, TrackingToken token) {
        enrol(event.beneficiaryId(), event.placement(), event.placement().enrolledOn(), message, token, c -> { });
    }

    @EventHandler
    void on(MovedToApprenticeship event, EventMessage<?> message, TrackingToken token) {
        enrol(event.beneficiaryId(), event.apprenticeship(), event.contractDate(), message, token,
                c -> end(c, event.orientation(), EnrolmentStatus.MOVED_TO_APPRENTICESHIP, event.contractDate()));
    }

    @EventHandler
    void on(EnrolmentCompleted event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.completedOn(), message, token,
                c -> end(c, event.placement(), EnrolmentStatus.COMPLETED, event.completedOn()));
    }

    @EventHandler
    void on(EnrolmentWithdrawn event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.withdrawnOn(), message, token,
                c -> end(c, event.placement(), EnrolmentStatus.WITHDRAWN, event.withdrawnOn()));
    }

    @EventHandler
    void on(DischargedFromInstitution event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.dischargedOn(), message, token,
                c -> end(c, event.placement(), EnrolmentStatus.DISCHARGED, event.dischargedOn()));
    }

    private void enrol(String beneficiaryId, Placement placement, LocalDate on, EventMessage<?> message,
                       TrackingToken token, Consumer<Document> alsoChange) {
        fact(beneficiaryId, on, message, token, c -> {
            alsoChange.accept(c);
            Document enrolments = c.get("enrolments", new Document());
            enrolments.put(placement.enrolmentId(), new Document("centreId", placement.centreId())
                    .append("programme", placement.programme().name())
                    .append("status", EnrolmentStatus.ACTIVE.name())
                    .append("enrolledOn", placement.enrolledOn().toString()));
            c.put("enrolments", enrolments);
        });
    }

    private static void end(Document caseDocument, Placement placement, EnrolmentStatus status, LocalDate on) {
        Document enrolment = caseDocument.get("enrolments", new Document()).get(placement.enrolmentId(), Document.class);
        if (enrolment != null) {
            enrolment.put("status", status.name());
            enrolment.put("endedOn", on.toString());
        }
    }

    // ---- other facts only move the case's last fact

    @EventHandler
    void on(ServiceDelivered event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.deliveredOn(), message, token, c -> { });
    }

    @EventHandler
    void on(CaseNoteAdded event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.writtenOn(), message, token, c -> { });
    }

    @EventHandler
    void on(ConsentGiven event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.givenOn(), message, token, c -> { });
    }

    @EventHandler
    void on(ConsentWithdrawn event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.withdrawnOn(), message, token, c -> { });
    }

    // ---- follow-ups

    @EventHandler
    void on(FollowUpScheduled event, EventMessage<?> message, TrackingToken token) {
        String centreId = centreOf(event.beneficiaryId());
        fact(event.beneficiaryId(), event.scheduledOn(), message, token, c -> {
            Document followUps = c.get("followUps", new Document());
            followUps.put(event.followUpId(), new Document("kind", event.kind().name())
                    .append("dueOn", event.dueOn().toString())
                    .append("assignedTo", event.assignedTo())
                    .append("centreId", centreId)
                    .append("status", "OPEN"));
            c.put("followUps", followUps);
        });
        writes().change(STATS, centreId, index(token), stats -> {
            Document open = stats.get("openFollowUps", new Document());
            open.put(event.beneficiaryId() + "|" + event.followUpId(), event.dueOn().toString());
            stats.put("openFollowUps", open);
        });
    }

    @EventHandler
    void on(FollowUpDone event, EventMessage<?> message, TrackingToken token) {
        closeFollowUp(event.beneficiaryId(), event.followUpId(), "DONE", event.doneOn(), message, token);
    }

    @EventHandler
    void on(FollowUpCancelled event, EventMessage<?> message, TrackingToken token) {
        closeFollowUp(event.beneficiaryId(), event.followUpId(), "CANCELLED", event.cancelledOn(), message, token);
    }

    private void closeFollowUp(String beneficiaryId, String followUpId, String status, LocalDate on,
                               EventMessage<?> message, TrackingToken token) {
        Document followUp = writes().read(CASES, beneficiaryId).get("followUps", new Document())
                .get(followUpId, Document.class);
        String centreId = followUp == null ? NO_CENTRE : followUp.getString("centreId");
        fact(beneficiaryId, on, message, token, c -> {
            if (followUp != null) {
                followUp.put("status", status);
                followUp.put("closedOn", on.toString());
            }
        });
        writes().change(STATS, centreId, index(token),
                stats -> stats.get("openFollowUps", new Document()).remove(beneficiaryId + "|" + followUpId));
    }

    // ---- referrals

    @EventHandler
    void on(PartnershipSigned event, TrackingToken token) {
        writes().change(PARTNERS, event.partnershipId(), index(token),
                partner -> partner.put("kind", event.partnerType() == null ? null : event.partnerType().name()));
    }

    @EventHandler
    void on(ReferredToPartner event, EventMessage<?> message, TrackingToken token) {
        String centreId = centreOf(event.beneficiaryId());
        fact(event.beneficiaryId(), event.referredOn(), message, token, c -> {
            Document referrals = c.get("referrals", new Document());
            referrals.put(event.referralId(), new Document("partnershipId", event.partnershipId())
                    .append("referredOn", event.referredOn().toString())
                    .append("centreId", centreId));
            c.put("referrals", referrals);
        });
        writes().change(STATS, centreId, index(token), stats -> {
            Document referrals = stats.get("referrals", new Document());
            referrals.put(event.beneficiaryId() + "|" + event.referralId(),
                    new Document("partnershipId", event.partnershipId())
                            .append("referredOn", event.referredOn().toString()));
            stats.put("referrals", referrals);
        });
    }

    @EventHandler
    void on(ReferralDeadlineSet event, EventMessage<?> message, TrackingToken token) {
        referral(event.beneficiaryId(), event.referralId(), null, message, token,
                r -> r.put("respondBy", event.respondBy().toString()));
    }

    @EventHandler
    void on(ReferralOutcomeRecorded event, EventMessage<?> message, TrackingToken token) {
        referral(event.beneficiaryId(), event.referralId(), event.outcomeOn(), message, token, r -> {
            r.put("outcome", event.outcome().name());
            r.put("outcomeOn", event.outcomeOn().toString());
        });
    }

    private void referral(String beneficiaryId, String referralId, LocalDate on, EventMessage<?> message,
                          TrackingToken token, Consumer<Document> change) {
        Document referral = writes().read(CASES, beneficiaryId).get("referrals", new Document())
                .get(referralId, Document.class);
        String centreId = referral == null ? NO_CENTRE : referral.getString("centreId");
        fact(beneficiaryId, on, message, token, c -> {
            if (referral != null) {
                change.accept(referral);
            }
        });
        writes().change(STATS, centreId, index(token), stats -> {
            Document counted = stats.get("referrals", new Document()).get(beneficiaryId + "|" + referralId, Document.class);
            if (counted != null) {
                change.accept(counted);
            }
        });
    }

    @ResetHandler
    void reset() {
        documents.drop();
    }

    // ----

    /** Every fact of a case: the change it makes, and the case's last fact and last change move. */
    private void fact(String beneficiaryId, LocalDate occurredOn, EventMessage<?> message, TrackingToken token,
                      Consumer<Document> change) {
        writes().change(CASES, beneficiaryId, index(token), c -> {
            change.accept(c);
            if (occurredOn != null) {
                String last = c.getString("lastFactOn");
                if (last == null || last.compareTo(occurredOn.toString()) < 0) {
                    c.put("lastFactOn", occurredOn.toString());
                }
            }
            c.put("lastChangeAt", Date.from(message.getTimestamp()));
            c.put("lastChange", message.getPayloadType().getSimpleName());
        });
        mirror(beneficiaryId, index(token));
    }

    /**
     * Copies what the caseload shows of a case into each centre it is or was enrolled in ({@value
     * CaseloadDocuments#CENTRES}, one entry per case): the caseload of a centre is then one document read, however
     * many cases it holds. Closed follow-ups and referrals with a final answer are left out of the copy.
     */
    private void mirror(String beneficiaryId, long index) {
        Document caseDocument = writes().read(CASES, beneficiaryId);
        Document enrolments = caseDocument.get("enrolments", new Document());
        if (enrolments.isEmpty()) {
            return;
        }
        Document summary = new Document();
        caseDocument.forEach((key, value) -> {
            if (!"_id".equals(key) && !CaseloadWrites.LAST_INDEX.equals(key)) {
                summary.put(key, value);
            }
        });
        Document open = new Document();
        caseDocument.get("followUps", new Document()).forEach((id, f) -> {
            if ("OPEN".equals(((Document) f).getString("status"))) {
                open.put(id, new Document("dueOn", ((Document) f).getString("dueOn")).append("status", "OPEN"));
            }
        });
        summary.put("followUps", open);
        Document awaiting = new Document();
        caseDocument.get("referrals", new Document()).forEach((id, r) -> {
            Document referral = (Document) r;
            if (referral.getString("respondBy") != null && referral.getString("outcome") == null) {
                awaiting.put(id, new Document("respondBy", referral.getString("respondBy")));
            }
        });
        summary.put("referrals", awaiting);
        Set<String> centres = new HashSet<>();
        enrolments.values().forEach(e -> centres.add(((Document) e).getString("centreId")));
        for (String centreId : centres) {
            writes().change(CENTRES, centreId, index, centre -> {
                Document cases = centre.get("cases", new Document());
                cases.put(beneficiaryId, summary);
                centre.put("cases", cases);
            });
        }
    }

    /** The centre a follow-up or referral is counted under: the latest active enrolment's, else the latest's. */
    private String centreOf(String beneficiaryId) {
        Document enrolments = writes().read(CASES, beneficiaryId).get("enrolments", new Document());
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

    private static long index(TrackingToken token) {
        return StreamPosition.of(token).index();
    }

    private CaseloadWrites writes() {
        return BatchWrites.of(ProcessingGroups.CASELOAD, CaseloadWrites.class, () -> new CaseloadWrites(documents));
    }
}
