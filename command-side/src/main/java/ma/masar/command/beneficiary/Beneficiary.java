package ma.masar.command.beneficiary;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.DifferentPersonStated;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.CaseTakenOver;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.CorrectRegistration;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.DischargedFromInstitution;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RecordService;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.ServiceDelivered;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.ProgrammeType;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One person's case: who they are and their enrolments. Rules that need only the person live here;
 * rules that need the centre (capacity, type, closed) live in {@code Centre}, and the handlers in
 * {@link EnrolmentCommandHandler} run both in one unit of work.
 */
@Aggregate(cache = "aggregateCache")
public class Beneficiary {

    static final int KINDERGARTEN_MIN_AGE = 3;
    static final int KINDERGARTEN_MAX_AGE = 6;
    static final int APPRENTICE_MIN_AGE = 15;


    @AggregateIdentifier
    private String beneficiaryId;
    private Sex sex;
    private LocalDate dateOfBirth;
    /** As registered, in memory only: the erasure releases its claim. */
    private String registeredNationalId;
    private final Map<String, Enrolment> enrolments = new HashMap<>();
    /** Events a correction may name: the registration and earlier corrections. */
    private final Set<String> correctableEvents = new HashSet<>();
    private final Set<String> notesAndServices = new HashSet<>();
    /** Who registered the person: theirs to follow until an enrolment places the case in a centre. */
    private String registeredBy;
    private boolean erased;
    /** Follow-ups and where referrals stand: their commands and rules live in {@link CasePlan}. */
    @AggregateMember
    private final CasePlan plan = new CasePlan();
    /** Whether this record was merged into another or holds merged ones: the merge rules live in {@link Merges}. */
    @AggregateMember
    private final Merges merges = new Merges();
    /** The person's consents: giving and withdrawing them, and whether one is in force, live in {@link Consents}. */
    @AggregateMember
    private final Consents consents = new Consents();

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
        Enrolment enrolment = activeEnrolment(command.enrolmentId());
        apply(new ServiceDelivered(beneficiaryId, command.serviceId(), enrolment.placement(), command.type(),
                command.deliveredOn()), MetaData.with("centreId", enrolment.placement().centreId()));
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

    // ---- rules used by the enrolment handlers, each named after the rule it enforces

    /**
     * Whether a social worker of these centres follows this case: it was or is enrolled in one of them, or they
     * registered the person and no centre holds the case yet.
     */
    boolean followedBy(Set<String> centres, String userId) {
        return Actor.follows(centres, userId,
                enrolments.values().stream().map(e -> e.placement().centreId()).toList(), registeredBy);
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

    boolean hasEnrolment(String enrolmentId) {
        return enrolments.containsKey(enrolmentId);
    }

    void enrol(Placement placement, String hostCompany, Clock clock) {
        LocalDate on = placement.enrolledOn();
        Dates.notInFuture(on, clock);
        refuseDateBeforeBirth(on);
        refuseSecondActiveEnrolmentIn(placement.programme());
        switch (placement.programme()) {
            case EDUCATION_TRAINING -> educationCentresTakeGirlsAndWomen();
            case PRESCHOOL -> kindergartenTakesChildrenAgedThreeToSix(on);
            case APPRENTICESHIP -> apprenticeshipNeedsAgeAndHost(on, hostCompany);
            default -> { }
        }
        apply(new EnrolledInProgramme(beneficiaryId, placement,
                        placement.programme() == ProgrammeType.APPRENTICESHIP ? hostCompany : null),
                MetaData.with("centreId", placement.centreId()));
    }

    Placement orientationToMove(String orientationEnrolmentId) {
        Enrolment enrolment = enrolments.get(orientationEnrolmentId);
        if (enrolment == null || !enrolment.active()
                || enrolment.placement().programme() != ProgrammeType.VOCATIONAL_ORIENTATION) {
            throw new RuleViolation(Rule.OnlyActiveOrientationMovesToApprenticeship,
                    "only an active vocational-orientation enrolment can be moved to apprenticeship");
        }
        return enrolment.placement();
    }

    void moveToApprenticeship(Placement orientation, Placement apprenticeship, String hostCompany,
                              LocalDate contractDate, Clock clock) {
        Dates.notInFuture(contractDate, clock);
        if (contractDate.isBefore(orientation.enrolledOn())) {
            throw new RuleViolation(Rule.OnlyActiveOrientationMovesToApprenticeship,
                    "the contract date is before the orientation enrolment");
        }
        refuseSecondActiveEnrolmentIn(ProgrammeType.APPRENTICESHIP);
        apprenticeshipNeedsAgeAndHost(contractDate, hostCompany);
        apply(new MovedToApprenticeship(beneficiaryId, orientation, apprenticeship, hostCompany, contractDate),
                MetaData.with("centreId", apprenticeship.centreId()));
    }

    Placement activePlacement(String enrolmentId) {
        return activeEnrolment(enrolmentId).placement();
    }

    void complete(String enrolmentId, CompletionOutcome outcome, LocalDate completedOn, Clock clock) {
        Placement placement = endingPlacement(enrolmentId, completedOn, clock);
        apply(new EnrolmentCompleted(beneficiaryId, placement, outcome, completedOn),
                MetaData.with("centreId", placement.centreId()));
    }

    void withdraw(String enrolmentId, WithdrawalReason reason, LocalDate withdrawnOn, Clock clock) {
        Placement placement = endingPlacement(enrolmentId, withdrawnOn, clock);
        apply(new EnrolmentWithdrawn(beneficiaryId, placement, reason, withdrawnOn),
                MetaData.with("centreId", placement.centreId()));
    }

    void discharge(String enrolmentId, DischargeReason reason, LocalDate dischargedOn, Clock clock) {
        Placement placement = endingPlacement(enrolmentId, dischargedOn, clock);
        if (placement.programme() != ProgrammeType.SOCIAL_CARE) {
            throw new RuleViolation(Rule.DischargeOnlyFromSocialCare,
                    "only a stay in a social-care institution ends with a discharge");
        }
        apply(new DischargedFromInstitution(beneficiaryId, placement, reason, dischargedOn),
                MetaData.with("centreId", placement.centreId()));
    }

    private Placement endingPlacement(String enrolmentId, LocalDate endedOn, Clock clock) {
        Dates.notInFuture(endedOn, clock);
        Placement placement = activeEnrolment(enrolmentId).placement();
        if (endedOn.isBefore(placement.enrolledOn())) {
            throw new RuleViolation(Rule.EnrolmentNotActive, "the enrolment had not started on " + endedOn);
        }
        return placement;
    }

    private Enrolment activeEnrolment(String enrolmentId) {
        Enrolment enrolment = enrolments.get(enrolmentId);
        if (enrolment == null || !enrolment.active()) {
            throw new RuleViolation(Rule.EnrolmentNotActive, "enrolment " + enrolmentId + " is not active",
                    Map.of("enrolmentId", String.valueOf(enrolmentId)));
        }
        return enrolment;
    }

    private void refuseDateBeforeBirth(LocalDate on) {
        if (dateOfBirth != null && on.isBefore(dateOfBirth)) {
            throw new RuleViolation(Rule.DateBeforeBirth, "the date is before the person's date of birth");
        }
    }

    private void refuseSecondActiveEnrolmentIn(ProgrammeType programme) {
        boolean active = enrolments.values().stream()
                .anyMatch(e -> e.active() && e.placement().programme() == programme);
        if (active) {
            throw new RuleViolation(Rule.AlreadyActiveInProgramme,
                    "the person already has an active enrolment in " + programme,
                    Map.of("programme", programme.name()));
        }
    }

    private void educationCentresTakeGirlsAndWomen() {
        if (sex != Sex.FEMALE) {
            throw new RuleViolation(Rule.EducationCentresTakeGirlsAndWomen,
                    "education and training centres take girls and women");
        }
    }

    private void kindergartenTakesChildrenAgedThreeToSix(LocalDate on) {
        int age = ageOn(on);
        if (age < KINDERGARTEN_MIN_AGE || age > KINDERGARTEN_MAX_AGE) {
            throw new RuleViolation(Rule.KindergartenAgeOutOfRange,
                    "kindergartens take children aged 3 to 6 on the enrolment date",
                    Map.of("age", String.valueOf(age)));
        }
    }

    private void apprenticeshipNeedsAgeAndHost(LocalDate contractDate, String hostCompany) {
        if (hostCompany == null || hostCompany.isBlank()) {
            throw new RuleViolation(Rule.HostCompanyRequired,
                    "an apprenticeship needs a host company (law 12.00: at least 80% of the training is in the company)");
        }
        int age = ageOn(contractDate);
        if (age < APPRENTICE_MIN_AGE) {
            throw new RuleViolation(Rule.ApprenticeTooYoung,
                    "an apprentice must be 15 or older on the contract date", Map.of("age", String.valueOf(age)));
        }
    }

    /** An erased person's date of birth is gone: a rule that needs their age cannot be checked, so it refuses. */
    private int ageOn(LocalDate on) {
        if (dateOfBirth == null) {
            personalDataNotErased();
            throw new IllegalStateException("case " + beneficiaryId + " has no date of birth");
        }
        return Dates.ageOn(dateOfBirth, on);
    }

    // ---- state

    @EventSourcingHandler
    void on(BeneficiaryRegistered event, @MessageIdentifier String eventId,
            @MetaDataValue(CommandAxonConfiguration.USER_ID) String userId) {
        beneficiaryId = event.beneficiaryId();
        registeredBy = userId;
        registeredNationalId = event.personal().nationalId();
        takePersonal(event.personal(), event.sex());
        correctableEvents.add(eventId);
    }

    @EventSourcingHandler
    void on(RegistrationCorrected event, @MessageIdentifier String eventId) {
        takePersonal(event.personal(), event.sex());
        correctableEvents.add(eventId);
    }

    private void takePersonal(PersonalData personal, Sex sex) {
        this.sex = sex;
        this.dateOfBirth = personal.dateOfBirth();
    }

    @EventSourcingHandler
    void on(EnrolledInProgramme event) {
        enrolments.put(event.placement().enrolmentId(), new Enrolment(event.placement(), true));
    }

    @EventSourcingHandler
    void on(MovedToApprenticeship event) {
        enrolments.put(event.orientation().enrolmentId(), new Enrolment(event.orientation(), false));
        enrolments.put(event.apprenticeship().enrolmentId(), new Enrolment(event.apprenticeship(), true));
    }

    @EventSourcingHandler
    void on(EnrolmentCompleted event) {
        end(event.placement());
    }

    @EventSourcingHandler
    void on(EnrolmentWithdrawn event) {
        end(event.placement());
    }

    @EventSourcingHandler
    void on(DischargedFromInstitution event) {
        end(event.placement());
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
        dateOfBirth = null;
        registeredNationalId = null;
    }

    private void end(Placement placement) {
        enrolments.put(placement.enrolmentId(), new Enrolment(placement, false));
    }

    record Enrolment(Placement placement, boolean active) {
    }
}
