package ma.masar.command.beneficiary;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.infra.CommandAxonConfiguration;
import ma.masar.command.staff.StaffCentres;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;

/**
 * Holds a social worker to the cases of their centres: a case command from a worker held to centres (metadata
 * {@link Actor#META_SCOPED}) goes through only if the case is, or was, enrolled in one of them, or if the
 * worker registered the person and no centre holds the case yet. Otherwise it is refused
 * ({@link Rule#OutsideYourCentres}, 403), nothing is stored, and no other rule has looked at the case, so the answer
 * tells nothing about it.
 * <p>
 * Taking over a case: a person may come to a centre whose worker does not follow her case (she was enrolled
 * elsewhere, or registered by someone else). The worker may enrol her into one of her own centres, or receive her
 * in apprenticeship there, only by stating why ({@code takeOverReason}); the take-over is recorded
 * ({@code CaseTakenOver}) in the same unit of work as the enrolment, for auditors. We chose a stated, recorded reason
 * over a transfer that the previous centre must accept: a person at the door is served at once, as breaking the
 * glass lets a worker read a case, and every take-over stays visible to auditors. An enrolment into a centre that is
 * not hers is refused whatever the reason.
 * <p>
 * Her centres are her assignments on the command's day (Africa/Casablanca), read here from her {@code StaffMember}
 * in the command's unit of work ({@link StaffCentres}), never from what the sender says: an assignment recorded or
 * ended a second ago already counts. They are handed to the handler as metadata {@link Actor#META_CENTRES} (a take-over
 * is judged on the same centres); a {@link Actor#META_CENTRES} sent by anyone else is dropped.
 * <p>
 * It runs inside the command's unit of work and loads the case there, so the handler reuses the same loaded,
 * locked aggregate: the check and the decision see one state. Commands sent without the metadata (the demo data
 * loader, other in-process senders) are not held to centres: only the HTTP API speaks for a person.
 */
@Component
class CentreScope implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Repository<Beneficiary> beneficiaries;
    private final StaffCentres staff;

    CentreScope(Repository<Beneficiary> beneficiaries, StaffCentres staff, CommandBus commandBus) {
        this.beneficiaries = beneficiaries;
        this.staff = staff;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        UnitOfWork<CommandMessage<?>> work = (UnitOfWork<CommandMessage<?>>) unitOfWork;
        CommandMessage<?> command = work.getMessage();
        if (command.getMetaData().containsKey(Actor.META_CENTRES)) {
            work.transformMessage(m -> m.withMetaData(m.getMetaData().withoutKeys(Set.of(Actor.META_CENTRES))));
        }
        if (Actor.scoped(command.getMetaData()) && command.getPayload() instanceof AboutBeneficiary about) {
            String userId = (String) command.getMetaData().get(CommandAxonConfiguration.USER_ID);
            Set<String> centres = userId == null ? Set.of() : staff.today(userId);
            work.transformMessage(m -> m.andMetaData(Map.of(Actor.META_CENTRES, String.join(",", centres))));
            if (!allowed(about, centres, userId)) {
                throw new RuleViolation(Rule.OutsideYourCentres, "case outside the sender's centres",
                        Map.of("beneficiaryId", about.beneficiaryId()));
            }
        }
        return chain.proceed();
    }

    private boolean allowed(AboutBeneficiary command, Set<String> centres, String userId) {
        if (command instanceof RegisterBeneficiary) {
            return true;
        }
        if (command instanceof EnrolInProgramme enrol && !centres.contains(enrol.centreId())) {
            return false; // into her own centres only
        }
        boolean follows;
        try {
            follows = beneficiaries.load(command.beneficiaryId()).invoke(b -> b.followedBy(centres, userId));
        } catch (AggregateNotFoundException e) {
            return true; // the handler answers BeneficiaryNotFound, as to anyone
        }
        if (follows) {
            return true;
        }
        if (command instanceof EnrolInProgramme enrol) {
            return enrol.takeOverReason() != null;
        }
        return command instanceof MoveToApprenticeship move && move.takeOverReason() != null
                && centres.contains(move.apprenticeshipCentreId());
    }
}
