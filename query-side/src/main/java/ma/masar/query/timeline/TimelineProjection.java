package ma.masar.query.timeline;

import java.time.LocalDate;
import java.util.Date;

import ma.masar.api.beneficiary.BeneficiariesMerged;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.DifferentPersonStated;
import ma.masar.api.beneficiary.MergeUndone;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.ConsentGiven;
import ma.masar.api.beneficiary.ConsentWithdrawn;
import ma.masar.api.beneficiary.DischargedFromInstitution;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.MovedToApprenticeship;
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
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes each fact of a beneficiary's case as a timeline entry: what happened and when ({@code occurredOn}, the date
 * the fact carries), when it was recorded (the event's timestamp) and by whom (metadata {@code userId}), at which
 * centre (the enrolment's, else metadata {@code centreId}), and its details as data. Words come at query time, in
 * the reader's language. A correction keeps the id of the event it corrects. Case-note text and referral purposes are
 * personal data: stored here for the social workers who read the case, never logged, and blanked in the entries
 * already written when the person's data is erased (a rebuild reads them erased from the event store anyway).
 */
@Component
@ProcessingGroup(ProcessingGroups.TIMELINE)
public class TimelineProjection {

    private static final Logger log = LoggerFactory.getLogger(TimelineProjection.class);

    private final TimelineDocuments documents;
    private final TimelineLive live;

    public TimelineProjection(TimelineDocuments documents, TimelineLive live) {
        this.documents = documents;
        this.live = live;
    }

    @EventHandler
    void on(BeneficiaryRegistered event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.registeredOn(), null,
              new Document("sex", name(event.sex()))
                      .append("birthYear", event.birthYear())
                      .append("region", name(event.region()))
                      .append("province", event.province())
                      .append("household", name(event.household())));
    }

    @EventHandler
    void on(RegistrationCorrected event, EventMessage<?> message) {
        // a correction happens when it is recorded
        entry(message, event.beneficiaryId(), TimelineClock.dateOf(message.getTimestamp()), null,
              new Document("sex", name(event.sex()))
                      .append("birthYear", event.birthYear())
                      .append("region", name(event.region()))
                      .append("province", event.province())
                      .append("household", name(event.household()))
                      .append("reason", event.reason()),
              event.correctedEventId());
    }

    @EventHandler
    void on(EnrolledInProgramme event, EventMessage<?> message) {
        Placement placement = event.placement();
        Document details = placement(placement);
        if (event.hostCompany() != null) {
            details.append("hostCompany", event.hostCompany());
        }
        entry(message, event.beneficiaryId(), placement.enrolledOn(), placement.centreId(), details);
    }

    @EventHandler
    void on(EnrolmentCompleted event, EventMessage<?> message) {
        Placement placement = event.placement();
        entry(message, event.beneficiaryId(), event.completedOn(), placement.centreId(),
              placement(placement).append("outcome", name(event.outcome())));
    }

    @EventHandler
    void on(EnrolmentWithdrawn event, EventMessage<?> message) {
        Placement placement = event.placement();
        entry(message, event.beneficiaryId(), event.withdrawnOn(), placement.centreId(),
              placement(placement).append("reason", name(event.reason())));
    }

    @EventHandler
    void on(DischargedFromInstitution event, EventMessage<?> message) {
        Placement placement = event.placement();
        entry(message, event.beneficiaryId(), event.dischargedOn(), placement.centreId(),
              placement(placement).append("reason", name(event.reason())));
    }

    @EventHandler
    void on(MovedToApprenticeship event, EventMessage<?> message) {
        Placement apprenticeship = event.apprenticeship();
        entry(message, event.beneficiaryId(), event.contractDate(), apprenticeship.centreId(),
              placement(apprenticeship)
                      .append("orientationEnrolmentId", event.orientation().enrolmentId())
                      .append("orientationCentreId", event.orientation().centreId())
                      .append("hostCompany", event.hostCompany()));
    }

    @EventHandler
    void on(CaseNoteAdded event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.writtenOn(), null,
              event.text() == null ? new Document("noteId", event.noteId())
                                   : new Document("noteId", event.noteId()).append("text", event.text()));
    }

    @EventHandler
    void on(ServiceDelivered event, EventMessage<?> message) {
        Placement placement = event.placement();
        entry(message, event.beneficiaryId(), event.deliveredOn(), placement.centreId(),
              placement(placement).append("serviceId", event.serviceId()).append("service", name(event.serviceType())));
    }

    @EventHandler
    void on(ConsentGiven event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.givenOn(), null,
              new Document("scope", name(event.scope())).append("purpose", event.purpose()));
    }

    @EventHandler
    void on(ConsentWithdrawn event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.withdrawnOn(), null, new Document("scope", name(event.scope())));
    }

    @EventHandler
    void on(ReferredToPartner event, EventMessage<?> message) {
        Document details = new Document("referralId", event.referralId()).append("partnershipId", event.partnershipId());
        if (event.purpose() != null) {
            details.append("purpose", event.purpose());
        }
        entry(message, event.beneficiaryId(), event.referredOn(), null, details);
    }

    // ---- follow-ups and referral tracking (the follow-up's text is personal data, like a note's)

    @EventHandler
    void on(FollowUpScheduled event, EventMessage<?> message) {
        Document details = new Document("followUpId", event.followUpId()).append("kind", name(event.kind()))
                .append("dueOn", date(event.dueOn())).append("assignedTo", event.assignedTo());
        if (event.what() != null) {
            details.append("what", event.what());
        }
        entry(message, event.beneficiaryId(), event.scheduledOn(), null, details);
    }

    @EventHandler
    void on(FollowUpDone event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.doneOn(), null,
              new Document("followUpId", event.followUpId()).append("kind", name(event.kind())));
    }

    @EventHandler
    void on(FollowUpCancelled event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.cancelledOn(), null,
              new Document("followUpId", event.followUpId()).append("kind", name(event.kind())));
    }

    @EventHandler
    void on(ReferralDeadlineSet event, EventMessage<?> message) {
        // a deadline is set when it is recorded
        entry(message, event.beneficiaryId(), TimelineClock.dateOf(message.getTimestamp()), null,
              new Document("referralId", event.referralId()).append("partnershipId", event.partnershipId())
                      .append("respondBy", date(event.respondBy())));
    }

    @EventHandler
    void on(ReferralOutcomeRecorded event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.outcomeOn(), null,
              new Document("referralId", event.referralId()).append("partnershipId", event.partnershipId())
                      .append("outcome", name(event.outcome())));
    }

    // ---- likely matches and merges (the reasons are staff text about the records, not personal data)

    @EventHandler
    void on(DifferentPersonStated event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.statedOn(), null,
              new Document("notTheSameAs", event.notTheSameAs()));
    }

    @EventHandler
    void on(BeneficiariesMerged event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.mergedOn(), null,
              new Document("survivorId", event.survivorId()).append("duplicateId", event.duplicateId())
                      .append("reason", event.reason()));
    }

    @EventHandler
    void on(MergeUndone event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.undoneOn(), null,
              new Document("survivorId", event.survivorId()).append("duplicateId", event.duplicateId())
                      .append("reason", event.reason()));
    }

    @EventHandler
    void on(PersonalDataErased event, EventMessage<?> message) {
        entry(message, event.beneficiaryId(), event.erasedOn(), null,
              new Document("legalGround", name(event.legalGround())).append("requestReference", event.requestReference()));
        writes().erase(event.beneficiaryId());
    }

    @ResetHandler
    void reset() {
        documents.drop();
    }

    private void entry(EventMessage<?> message, String beneficiaryId, LocalDate occurredOn, String centreId,
                       Document details) {
        entry(message, beneficiaryId, occurredOn, centreId, details, null);
    }

    private void entry(EventMessage<?> message, String beneficiaryId, LocalDate occurredOn, String centreId,
                       Document details, String correctsEventId) {
        if (!(message instanceof DomainEventMessage<?> domainEvent)
                || !beneficiaryId.equals(domainEvent.getAggregateIdentifier())) {
            // only facts recorded in the beneficiary's own stream have a place in the timeline; names no person
            log.warn("Not in the timeline: {} {} is not an event of the beneficiary's stream",
                     message.getPayloadType().getSimpleName(), message.getIdentifier());
            return;
        }
        Object recordedBy = message.getMetaData().get("userId");
        Object metadataCentre = message.getMetaData().get("centreId");
        // small documents write fast on the stand-in: no nulls, nothing the _id already says
        Document entry = new Document("_id", TimelineDocuments.id(beneficiaryId, domainEvent.getSequenceNumber()))
                .append("eventId", message.getIdentifier())
                .append("type", message.getPayloadType().getSimpleName())
                .append("occurredOn", date(occurredOn != null ? occurredOn
                                                              : TimelineClock.dateOf(message.getTimestamp())))
                .append("recordedAt", Date.from(message.getTimestamp()));
        putIfPresent(entry, "recordedBy", recordedBy);
        putIfPresent(entry, "centreId", centreId != null ? centreId : metadataCentre);
        putIfPresent(entry, "correctsEventId", correctsEventId);
        if (!details.isEmpty()) {
            entry.append("details", details);
        }
        writes().add(beneficiaryId, entry);
    }

    private TimelineWrites writes() {
        return BatchWrites.of(ProcessingGroups.TIMELINE, TimelineWrites.class, () -> new TimelineWrites(documents, live));
    }

    /** The enrolment a fact belongs to; its centre is the entry's. */
    private static Document placement(Placement placement) {
        return new Document("enrolmentId", placement.enrolmentId()).append("programme", name(placement.programme()));
    }

    private static void putIfPresent(Document document, String key, Object value) {
        if (value != null) {
            document.append(key, value.toString());
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
