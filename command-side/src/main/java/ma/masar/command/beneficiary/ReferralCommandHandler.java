package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.ReferToPartner;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.partnership.Partnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;

/** A referral names a partnership that must exist; the case decides whether the person consented. */
@Component
class ReferralCommandHandler {

    private final Repository<Beneficiary> beneficiaries;
    private final Repository<Partnership> partnerships;
    private final Clock clock;

    ReferralCommandHandler(Repository<Beneficiary> beneficiaries, Repository<Partnership> partnerships, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.partnerships = partnerships;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(ReferToPartner command) {
        Aggregate<Beneficiary> beneficiary = beneficiaries.load(command.beneficiaryId());
        if (beneficiary.invoke(b -> b.hasReferral(command.referralId()))) {
            return command.referralId(); // a retried command: the referral is already recorded
        }
        try {
            partnerships.load(command.partnershipId());
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(Rule.PartnershipNotFound, "partnership " + command.partnershipId() + " does not exist",
                    Map.of("partnershipId", command.partnershipId()));
        }
        beneficiary.execute(b -> b.refer(command.referralId(), command.partnershipId(), command.purpose(),
                command.referredOn(), clock));
        return command.referralId();
    }
}
