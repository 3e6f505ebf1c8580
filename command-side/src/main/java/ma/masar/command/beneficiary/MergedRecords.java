package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.UndoMerge;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Refuses every command about a record merged into another ({@code BeneficiaryMerged}, naming the survivor, where the
 * person's facts now go), whichever handler would take it: the case's own, the enrolment, referral or follow-up
 * handlers. Let through: undoing the merge, and an erasure (a lawful request is not refused for a merge).
 * <p>
 * It runs after {@link CentreScope} (registered on the command bus after it, and interceptors run in that order), so a
 * case outside the sender's centres is refused as such and the refusal tells nothing about a merge.
 */
@Component
class MergedRecords implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Asked for at each command: a repository may be built after the command bus it needs. */
    private final Supplier<Repository<Beneficiary>> beneficiaries;

    MergedRecords(Supplier<Repository<Beneficiary>> beneficiaries) {
        this.beneficiaries = beneficiaries;
    }

    /** {@code scope} is asked for only to be registered after it. */
    @Autowired
    MergedRecords(Repository<Beneficiary> beneficiaries, CommandBus commandBus, CentreScope scope) {
        this(() -> beneficiaries);
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof AboutBeneficiary about && !(payload instanceof RegisterBeneficiary)
                && !(payload instanceof UndoMerge) && !(payload instanceof ErasePersonalData)) {
            try {
                beneficiaries.get().load(about.beneficiaryId()).execute(b -> b.merges().notMerged());
            } catch (AggregateNotFoundException e) {
                // the handler answers BeneficiaryNotFound, as to anyone
            }
        }
        return chain.proceed();
    }
}
