package ma.masar.query.caseload;

import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.BeneficiariesMerged;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.MergeUndone;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.ConsentGiven;
import ma.masar.api.beneficiary.ConsentWithdrawn;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentChange;
import ma.masar.api.beneficiary.EnrolmentEvent;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.ServiceDelivered;
import ma.masar.api.followup.FollowUpCancelled;
import ma.masar.api.followup.FollowUpDone;
import ma.masar.api.followup.FollowUpScheduled;
import ma.masar.api.followup.ReferralDeadlineSet;
import ma.masar.api.followup.ReferralOutcomeRecorded;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.EventPosition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
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

    private final CaseloadDocuments documents;

    public CaseloadProjection(CaseloadDocuments documents) {
        this.documents = documents;
    }

    // ---- who the person is

    @EventHandler
    void on(BeneficiaryRegistered event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), event.registeredOn(), message, token,
                c -> CaseloadDocuments.names(c, event.personal()));
    }

    @EventHandler
    void on(RegistrationCorrected event, EventMessage<?> message, TrackingToken token) {
        fact(event.beneficiaryId(), null, message, token, c -> CaseloadDocuments.names(c, event.personal()));
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

    // ---- enrolments: the case joins its centres' rosters for good; its status there is read from the case

    /**
     * The case's enrolments as the event leaves them ({@link EnrolmentChange}, the life cycle stated once), dated by the
     * first change; a case that starts an enrolment joins that centre's roster for good.
     */
    @EventHandler
    void on(EnrolmentEvent event, EventMessage<?> message, TrackingToken token) {
        String beneficiaryId = event.beneficiaryId();
        List<EnrolmentChange> changes = EnrolmentChange.of(event);
        fact(beneficiaryId, changes.get(0).on(), message, token,
                c -> changes.forEach(change -> CaseloadDocuments.apply(c, change)));
        for (EnrolmentChange change : changes) {
            if (!change.ends()) {
                writes().change(CENTRES, change.placement().centreId(), position(token),
                        centre -> CaseloadDocuments.onRoster(centre, beneficiaryId));
            }
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
        String centreId = CaseloadDocuments.centreOf(writes().read(CASES, event.beneficiaryId()));
        fact(event.beneficiaryId(), event.scheduledOn(), message, token,
                c -> CaseloadDocuments.followUpScheduled(c, event, centreId));
        writes().change(STATS, centreId, position(token), stats -> CaseloadDocuments.followUpOpen(stats, event));
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
        String centreId = followUp == null ? CaseloadDocuments.NO_CENTRE : followUp.getString("centreId");
        fact(beneficiaryId, on, message, token, c -> {
            if (followUp != null) {
                followUp.put("status", status);
                followUp.put("closedOn", on.toString());
            }
        });
        writes().change(STATS, centreId, position(token),
                stats -> stats.get("openFollowUps", new Document()).remove(beneficiaryId + "|" + followUpId));
    }

    // ---- referrals

    @EventHandler
    void on(PartnershipSigned event, TrackingToken token) {
        writes().change(PARTNERS, event.partnershipId(), position(token),
                partner -> partner.put("kind", event.partnerType() == null ? null : event.partnerType().name()));
    }

    @EventHandler
    void on(ReferredToPartner event, EventMessage<?> message, TrackingToken token) {
        String centreId = CaseloadDocuments.centreOf(writes().read(CASES, event.beneficiaryId()));
        fact(event.beneficiaryId(), event.referredOn(), message, token,
                c -> CaseloadDocuments.referred(c, event, centreId));
        writes().change(STATS, centreId, position(token), stats -> CaseloadDocuments.referralCounted(stats, event));
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
        String centreId = referral == null ? CaseloadDocuments.NO_CENTRE : referral.getString("centreId");
        fact(beneficiaryId, on, message, token, c -> {
            if (referral != null) {
                change.accept(referral);
            }
        });
        writes().change(STATS, centreId, position(token), stats -> {
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
        writes().change(CASES, beneficiaryId, position(token), c -> {
            change.accept(c);
            CaseloadDocuments.factRecorded(c, occurredOn, message);
        });
    }

    private static EventPosition position(TrackingToken token) {
        return EventPosition.of(token);
    }

    private CaseloadWrites writes() {
        return BatchWrites.of(ProcessingGroups.CASELOAD, CaseloadWrites.class, this::readTheBatchsDocuments);
    }

    /** The cases and rosters the batch's events will change, read in a few queries rather than one each. */
    private CaseloadWrites readTheBatchsDocuments() {
        Set<String> cases = new LinkedHashSet<>();
        Set<String> rosters = new LinkedHashSet<>();
        for (EventMessage<?> message : BatchWrites.messagesOfBatch()) {
            if (message.getPayload() instanceof AboutBeneficiary about) {
                cases.add(about.beneficiaryId());
            }
            if (message.getPayload() instanceof EnrolledInProgramme enrolled) {
                rosters.add(enrolled.placement().centreId());
            } else if (message.getPayload() instanceof MovedToApprenticeship moved) {
                rosters.add(moved.apprenticeship().centreId());
            }
        }
        CaseloadWrites writes = new CaseloadWrites(documents);
        writes.prefetch(CASES, cases);
        writes.prefetch(CENTRES, rosters);
        return writes;
    }
}
