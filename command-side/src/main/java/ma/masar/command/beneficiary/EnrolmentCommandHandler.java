package ma.masar.command.beneficiary;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.CompleteEnrolment;
import ma.masar.api.beneficiary.DischargeFromInstitution;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.WithdrawFromEnrolment;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.centre.Centre;
import ma.masar.command.infra.CommandAxonConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Enrolment facts change two aggregates at once: the person's case and the centre's seats. Both are
 * loaded and changed in one unit of work, so their events are stored in one transaction or not at all.
 * Locks are always taken beneficiary first, then centre, so two handlers never wait on each other.
 * The case decides in its {@link Enrolments}, the centre in {@code Centre}.
 */
@Component
class EnrolmentCommandHandler {

    private final Repository<Beneficiary> beneficiaries;
    private final Repository<Centre> centres;
    private final Clock clock;

    EnrolmentCommandHandler(Repository<Beneficiary> beneficiaries, Repository<Centre> centres, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.centres = centres;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(EnrolInProgramme command, MetaData metaData) {
        Aggregate<Beneficiary> beneficiary = beneficiaries.load(command.beneficiaryId());
        beneficiary.execute(b -> b.enrolments().refuseExisting(command.enrolmentId()));
        Aggregate<Centre> centre = loadCentre(command.centreId());
        Placement placement = new Placement(command.enrolmentId(), command.centreId(), command.programme(),
                centre.invoke(Centre::region), centre.invoke(Centre::province), command.enrolledOn());
        beneficiary.execute(b -> b.recordTakeOver(Actor.scopeOf(metaData), userOf(metaData), placement,
                command.takeOverReason()));
        beneficiary.execute(b -> b.enrolments().enrol(placement, command.hostCompany(), clock));
        centre.execute(c -> c.takeSeat(command.enrolmentId(), command.beneficiaryId(), command.programme(),
                command.enrolledOn()));
        return command.enrolmentId();
    }

    @CommandHandler
    public String handle(MoveToApprenticeship command, MetaData metaData) {
        Aggregate<Beneficiary> beneficiary = beneficiaries.load(command.beneficiaryId());
        Placement orientation = beneficiary.invoke(
                b -> b.enrolments().orientationToMove(command.orientationEnrolmentId()));
        // two centres: lock them in a fixed order so that two moves in opposite directions cannot deadlock
        boolean orientationFirst = orientation.centreId().compareTo(command.apprenticeshipCentreId()) < 0;
        Aggregate<Centre> first = loadCentre(orientationFirst ? orientation.centreId() : command.apprenticeshipCentreId());
        Aggregate<Centre> second = loadCentre(orientationFirst ? command.apprenticeshipCentreId() : orientation.centreId());
        Aggregate<Centre> orientationCentre = orientationFirst ? first : second;
        Aggregate<Centre> apprenticeshipCentre = orientationFirst ? second : first;

        Placement apprenticeship = new Placement(command.apprenticeshipEnrolmentId(), command.apprenticeshipCentreId(),
                ProgrammeType.APPRENTICESHIP, apprenticeshipCentre.invoke(Centre::region),
                apprenticeshipCentre.invoke(Centre::province), command.contractDate());
        beneficiary.execute(b -> b.recordTakeOver(Actor.scopeOf(metaData), userOf(metaData), apprenticeship,
                command.takeOverReason()));
        beneficiary.execute(b -> b.enrolments().moveToApprenticeship(orientation, apprenticeship,
                command.hostCompany(), command.contractDate(), clock));
        orientationCentre.execute(c -> c.releaseSeat(orientation.enrolmentId(), command.beneficiaryId(),
                command.contractDate()));
        apprenticeshipCentre.execute(c -> c.takeSeat(apprenticeship.enrolmentId(), command.beneficiaryId(),
                ProgrammeType.APPRENTICESHIP, command.contractDate()));
        return apprenticeship.enrolmentId();
    }

    @CommandHandler
    public void handle(CompleteEnrolment command) {
        ending(command.beneficiaryId(), command.enrolmentId(), command.completedOn(),
                e -> e.complete(command.enrolmentId(), command.outcome(), command.completedOn(), clock));
    }

    @CommandHandler
    public void handle(WithdrawFromEnrolment command) {
        ending(command.beneficiaryId(), command.enrolmentId(), command.withdrawnOn(),
                e -> e.withdraw(command.enrolmentId(), command.reason(), command.withdrawnOn(), clock));
    }

    @CommandHandler
    public void handle(DischargeFromInstitution command) {
        ending(command.beneficiaryId(), command.enrolmentId(), command.dischargedOn(),
                e -> e.discharge(command.enrolmentId(), command.reason(), command.dischargedOn(), clock));
    }

    private void ending(String beneficiaryId, String enrolmentId, LocalDate endedOn,
                        Consumer<Enrolments> decision) {
        Aggregate<Beneficiary> beneficiary = beneficiaries.load(beneficiaryId);
        String centreId = beneficiary.invoke(b -> b.enrolments().activePlacement(enrolmentId)).centreId();
        beneficiary.execute(b -> decision.accept(b.enrolments()));
        loadCentre(centreId).execute(c -> c.releaseSeat(enrolmentId, beneficiaryId, endedOn));
    }

    private static String userOf(MetaData metaData) {
        Object user = metaData.get(CommandAxonConfiguration.USER_ID);
        return user == null ? null : user.toString();
    }

    private Aggregate<Centre> loadCentre(String centreId) {
        try {
            return centres.load(centreId);
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(Rule.CentreNotFound, "centre " + centreId + " does not exist",
                    Map.of("centreId", String.valueOf(centreId)));
        }
    }
}
