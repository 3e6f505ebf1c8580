package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.DischargedFromInstitution;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.Dates;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The person's enrolments and the rules on them that need only the person: an enrolment id is used once, one active
 * enrolment per programme, no date before birth, who each programme takes (education and training centres: girls
 * and women; kindergartens: children aged 3 to 6; apprenticeship: 15 or older, with a host company), and which
 * enrolment may end (complete, withdraw, discharge from social care only) or move to apprenticeship (an active
 * vocational orientation), and from when. A member of the {@link Beneficiary} aggregate; {@link
 * EnrolmentCommandHandler} asks it and the centre in one unit of work, as the centre's rules (capacity, type, closed)
 * live in {@code Centre}. It keeps the person's sex and date of birth, learnt from the case's registration,
 * corrections and erasure, as only its rules use them.
 */
class Enrolments {

    static final int KINDERGARTEN_MIN_AGE = 3;
    static final int KINDERGARTEN_MAX_AGE = 6;
    static final int APPRENTICE_MIN_AGE = 15;

    private final Map<String, Enrolment> enrolments = new HashMap<>();
    private String beneficiaryId;
    private Sex sex;
    private LocalDate dateOfBirth;
    private boolean erased;

    /** The centres the case was or is enrolled in: who follows the case ({@link Beneficiary#followedBy}). */
    List<String> centres() {
        return enrolments.values().stream().map(e -> e.placement().centreId()).toList();
    }

    /** Rule EnrolmentAlreadyExists: an enrolment id names one enrolment; a retried enrolment is not recorded twice. */
    void refuseExisting(String enrolmentId) {
        if (enrolments.containsKey(enrolmentId)) {
            throw new RuleViolation(Rule.EnrolmentAlreadyExists, "enrolment " + enrolmentId + " exists",
                    Map.of("enrolmentId", enrolmentId));
        }
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

    /** Rule EnrolmentNotActive: the placement of an enrolment that is under way. */
    Placement activePlacement(String enrolmentId) {
        Enrolment enrolment = enrolments.get(enrolmentId);
        if (enrolment == null || !enrolment.active()) {
            throw new RuleViolation(Rule.EnrolmentNotActive, "enrolment " + enrolmentId + " is not active",
                    Map.of("enrolmentId", String.valueOf(enrolmentId)));
        }
        return enrolment.placement();
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
        Placement placement = activePlacement(enrolmentId);
        if (endedOn.isBefore(placement.enrolledOn())) {
            throw new RuleViolation(Rule.EnrolmentNotActive, "the enrolment had not started on " + endedOn);
        }
        return placement;
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
            if (erased) {
                throw Beneficiary.erasedRefusal(beneficiaryId);
            }
            throw new IllegalStateException("case " + beneficiaryId + " has no date of birth");
        }
        return Dates.ageOn(dateOfBirth, on);
    }

    // ---- state

    @EventSourcingHandler
    void on(BeneficiaryRegistered event) {
        beneficiaryId = event.beneficiaryId();
        sex = event.sex();
        dateOfBirth = event.personal().dateOfBirth();
    }

    @EventSourcingHandler
    void on(RegistrationCorrected event) {
        sex = event.sex();
        dateOfBirth = event.personal().dateOfBirth();
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased = true;
        dateOfBirth = null;
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

    private void end(Placement placement) {
        enrolments.put(placement.enrolmentId(), new Enrolment(placement, false));
    }

    private record Enrolment(Placement placement, boolean active) {
    }
}
