package ma.masar.command.beneficiary;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.infra.CommandAxonConfiguration;
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
 * Holds a social worker to the cases of their centres: a case command from a worker limited to some centres
 * (metadata {@link Actor#META_CENTRES}) goes through only if the case is, or was, enrolled in one of them, or if the
 * worker registered the person and no centre holds the case yet; an enrolment only into one of her centres (which
 * makes the case hers); a move to apprenticeship from her centre or into one of hers. Otherwise it is refused ({@link Rule#OutsideYourCentres}, 403) and nothing is stored.
 * <p>
 * It runs inside the command's unit of work and loads the case there, so the handler reuses the same loaded,
 * locked aggregate: the check and the decision see one state. Commands sent without the metadata (the demo data
 * loader, other in-process senders) are not held to centres: only the HTTP API speaks for a person.
 */
@Component
class CentreScope implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Repository<Beneficiary> beneficiaries;

    CentreScope(Repository<Beneficiary> beneficiaries, CommandBus commandBus) {
        this.beneficiaries = beneficiaries;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        Set<String> centres = Actor.scopeOf(command.getMetaData());
        if (centres != null && command.getPayload() instanceof AboutBeneficiary about
                && !allowed(about, centres, (String) command.getMetaData().get(CommandAxonConfiguration.USER_ID))) {
            throw new RuleViolation(Rule.OutsideYourCentres, "case outside the sender's centres",
                    Map.of("beneficiaryId", about.beneficiaryId()));
        }
        return chain.proceed();
    }

    private boolean allowed(AboutBeneficiary command, Set<String> centres, String userId) {
        if (command instanceof RegisterBeneficiary) {
            return true;
        }
        if (command instanceof EnrolInProgramme enrol) {
            return centres.contains(enrol.centreId()); // into her own centres only, whoever followed the case before
        }
        if (command instanceof MoveToApprenticeship move && centres.contains(move.apprenticeshipCentreId())) {
            return true;
        }
        try {
            return beneficiaries.load(command.beneficiaryId()).invoke(b -> b.followedBy(centres, userId));
        } catch (AggregateNotFoundException e) {
            return true; // the handler answers BeneficiaryNotFound, as to anyone
        }
    }
}
