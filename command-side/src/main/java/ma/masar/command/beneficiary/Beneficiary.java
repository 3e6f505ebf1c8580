package ma.masar.command.beneficiary;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.DifferentPersonStated;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.CaseTakenOver;
import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.CorrectRegistration;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RecordService;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.ServiceDelivered;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.Dates;
import ma.masar.command.infra.CommandAxonConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's case, the aggregate every command about the person goes through. The root decides who the person is
 * (registration, corrections, erasure), the notes and services recorded and the referrals made, and who follows the
 * case (for {@link CentreScope}, and the take-overs it lets through). The rest is decided by its members, each keeping
 * the state its rules need, learnt from the case's own events: {@link Enrolments} (the enrolments and their rules that
 * need only the person), {@link Consents}, {@link Merges} and {@link CasePlan} (follow-ups, referral deadlines and
 * outcomes). A rule that needs another aggregate as well is run by a handler that loads both in one unit of work: the
 * centre for enrolments ({@link EnrolmentCommandHandler}; capacity, type and closure live in {@code Centre}), the
 * other record for merges ({@link MergeCommandHandler}), the partnership for referrals
 * ({@link ReferralCommandHandler}), the national-ID claim for registration and erasure.
 */
@Aggregate(cache = "aggregateCache")
public class Beneficiary {

    @AggregateIdentifier
    private String beneficiaryId;
    /** As registered, in memory only: the erasure releases its claim. */
    private String registeredNationalId;
    /** Events a correction may name: the registration and earlier corrections. */
    private final Set<String> correctableEvents = new HashSet<>();
    private final Set<String> notesAndServices = new HashSet<>();
    /** Who registered the person: theirs to follow until an enrolment places the case in a centre. */
    private String registeredBy;
    private boolean erased;
    /** Follow-ups and where referrals stand: their commands and rules live in {@link CasePlan}. */
    @AggregateMember
    private final CasePlan plan = new CasePlan();
    /** The enrolments and the rules on them that need only the person: they live in {@link Enrolments}. */
    @AggregateMember
    private final Enrolments enrolments = new Enrolments();
    /** The person's consents: giving and withdrawing them, and whether one is in force, live in {@link Consents}. */
    @AggregateMember
    private final Consents consents = new Consents();
    /** Whether this record was merged into another or holds merged ones: the merge rules live in {@link Merges}. */
    @AggregateMember
    private final Merges merges = new Merges();

    protected Beneficiary() {
        // for Axon
    }

    /** Registration proper; the national ID's uniqueness is checked by {@link RegistrationCommandHandler}. */
    Beneficiary(RegisterBeneficiary command, Clock clock) {
        Dates.notInFuture(command.registeredOn(), clock);
        Dates.notInFuture(command.personal().dateOfBirth(), clock);
        apply(new BeneficiaryRegistered(command.beneficiaryId(), command.personal(), command.sex(),
                command.personal().dateOfBirth().getYear(), command.region(), command.province(),
                command.household(), command.registeredOn()));
        List<String> others = command.notTheSameAs().stream().distinct().toList();
        if (!others.isEmpty()) {
            // her statement belongs to the registration: same unit of work, right after it
            apply(new DifferentPersonStated(command.beneficiaryId(), others, command.registeredOn()));
        }
    }

    @CommandHandler
    public void handle(CorrectRegistration command, Clock clock) {
        personalDataNotErased();
        if (!correctableEvents.contains(command.correctedEventId())) {
            throw new RuleViolation(Rule.UnknownEventToCorrect,
                    "event " + command.correctedEventId() + " is not a registration fact of this case");
        }
        Dates.notInFuture(command.personal().dateOfBirth(), clock);
        apply(new RegistrationCorrected(beneficiaryId, command.correctedEventId(), command.personal(), command.sex(),
                command.personal().dateOfBirth().getYear(), command.region(), command.province(),
                command.household(), command.reason()));
    }

    @CommandHandler
    public void handle(RecordService command, Clock clock) {
        Dates.notInFuture(command.deliveredOn(), clock);
        if (notesAndServices.contains(command.serviceId())) {
            return; // a retried command: the service is already recorded
        }
        Placement placement = enrolments.activePlacement(command.enrolmentId());
        apply(new ServiceDelivered(beneficiaryId, command.serviceId(), placement, command.type(),
                command.deliveredOn()), MetaData.with("centreId", placement.centreId()));
    }

    @CommandHandler
    public void handle(AddCaseNote command, Clock clock) {
        Dates.notInFuture(command.writtenOn(), clock);
        if (notesAndServices.contains(command.noteId())) {
            return;
        }
        personalDataNotErased();
        apply(new CaseNoteAdded(beneficiaryId, command.noteId(), command.text(), command.writtenOn()));
    }

    /**
     * Erases the person's personal data: the event records the request; {@link KeyDestruction} then destroys the
     * person's key, so that every personal field ever stored for them reads as erased. A second erasure is refused.
     * {@link ErasureCommandHandler} also releases the person's national-ID claim in the same unit of work.
     */
    void erase(ErasePersonalData command, Clock clock) {
        personalDataNotErased();
        Dates.notInFuture(command.erasedOn(), clock);
        apply(new PersonalDataErased(beneficiaryId, command.legalGround(), command.requestReference(),
                command.erasedOn()));
    }

    String registeredNationalId() {
        return registeredNationalId;
    }

    /** This record's side of merges, for {@link MergeCommandHandler} and {@link MergedRecords}. */
    Merges merges() {
        return merges;
    }

    /** The enrolments, for {@link EnrolmentCommandHandler}, which asks the centre in the same unit of work. */
    Enrolments enrolments() {
        return enrolments;
    }

    // ---- rules used by the referral handler

    boolean hasReferral(String referralId) {
        return notesAndServices.contains(referralId);
    }

    void refer(String referralId, String partnershipId, String purpose, LocalDate referredOn, Clock clock) {
        personalDataNotErased();
        Dates.notInFuture(referredOn, clock);
        consents.requireInForce(ConsentScope.REFERRAL, referredOn);
        apply(new ReferredToPartner(beneficiaryId, referralId, partnershipId, purpose, referredOn));
    }

    /** Nothing personal is recorded about a person whose personal data was erased. */
    private void personalDataNotErased() {
        if (erased) {
            throw erasedRefusal(beneficiaryId);
        }
    }

    /** The refusal of rule BeneficiaryErased, also for the members that keep their own note of the erasure. */
    static RuleViolation erasedRefusal(String beneficiaryId) {
        return new RuleViolation(Rule.BeneficiaryErased, "the personal data of case " + beneficiaryId + " is erased",
                Map.of("beneficiaryId", beneficiaryId));
    }

    // ---- who follows the case (CentreScope, MergeCommandHandler), and take-overs (EnrolmentCommandHandler)

    /**
     * Whether a social worker of these centres follows this case: it was or is enrolled in one of them, or they
     * registered the person and no centre holds the case yet.
     */
    boolean followedBy(Set<String> centres, String userId) {
        return Actor.follows(centres, userId, enrolments.centres(), registeredBy);
    }

    /**
     * Records that a social worker who does not follow this case takes it into one of her centres (the centre scope
     * has let her, because she stated a reason). Nothing when she follows it, or when the sender is not held to
     * centres ({@code centres} null).
     */
    void recordTakeOver(Set<String> centres, String userId, Placement into, String reason) {
        if (centres == null || followedBy(centres, userId)) {
            return;
        }
        apply(new CaseTakenOver(beneficiaryId, into.enrolmentId(), into.centreId(), reason, into.enrolledOn()));
    }

    // ---- state

    @EventSourcingHandler
    void on(BeneficiaryRegistered event, @MessageIdentifier String eventId,
            @MetaDataValue(CommandAxonConfiguration.USER_ID) String userId) {
        beneficiaryId = event.beneficiaryId();
        registeredBy = userId;
        registeredNationalId = event.personal().nationalId();
        correctableEvents.add(eventId);
    }

    @EventSourcingHandler
    void on(RegistrationCorrected event, @MessageIdentifier String eventId) {
        correctableEvents.add(eventId);
    }

    @EventSourcingHandler
    void on(ServiceDelivered event) {
        notesAndServices.add(event.serviceId());
    }

    @EventSourcingHandler
    void on(CaseNoteAdded event) {
        notesAndServices.add(event.noteId());
    }

    @EventSourcingHandler
    void on(ReferredToPartner event) {
        notesAndServices.add(event.referralId());
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased = true;
        registeredNationalId = null;
    }
}
