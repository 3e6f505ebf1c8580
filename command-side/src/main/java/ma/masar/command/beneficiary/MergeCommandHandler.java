package ma.masar.command.beneficiary;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.MergeBeneficiaries;
import ma.masar.api.beneficiary.UndoMerge;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.infra.CommandAxonConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Merges two records of one person, and undoes a merge: both records change in one unit of work, so both histories
 * tell the merge or neither does; each record decides its own side in its {@link Merges}. A social worker must follow
 * both cases: {@link CentreScope} checks the case the command is about (the survivor of a merge, the duplicate of an
 * undo) before anything else; this handler checks the other one by loading it and asking its
 * {@link Beneficiary#followedBy}, and refuses the same way ({@code OutsideYourCentres}) before any other rule looks at
 * it.
 */
@Component
class MergeCommandHandler {

    private final Repository<Beneficiary> beneficiaries;
    private final Clock clock;

    MergeCommandHandler(Repository<Beneficiary> beneficiaries, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(MergeBeneficiaries command, MetaData metaData) {
        // refused before either record is loaded (Merges#absorb holds the same rule for the record itself)
        if (command.survivorId().equals(command.duplicateId())) {
            throw new RuleViolation(Rule.CannotMergeWithItself, "a case is not merged into itself");
        }
        Aggregate<Beneficiary> survivor = beneficiaries.load(command.survivorId());
        Aggregate<Beneficiary> duplicate = beneficiaries.load(command.duplicateId());
        followed(duplicate, command.duplicateId(), metaData);
        survivor.execute(b -> b.merges().absorb(command.duplicateId(), command.reason(), clock));
        duplicate.execute(b -> b.merges().mergeInto(command.survivorId(), command.reason(), clock));
    }

    @CommandHandler
    public void handle(UndoMerge command, MetaData metaData) {
        Aggregate<Beneficiary> duplicate = beneficiaries.load(command.duplicateId());
        String survivorId = duplicate.invoke(b -> b.merges().survivorToLeave());
        Aggregate<Beneficiary> survivor = beneficiaries.load(survivorId);
        followed(survivor, survivorId, metaData);
        survivor.execute(b -> b.merges().undoMerge(survivorId, command.duplicateId(), command.reason(), clock));
        duplicate.execute(b -> b.merges().undoMerge(survivorId, command.duplicateId(), command.reason(), clock));
    }

    /** The second case of the command, held to the sender's centres as CentreScope holds the first. */
    private static void followed(Aggregate<Beneficiary> other, String otherId, MetaData metaData) {
        Set<String> centres = Actor.scopeOf(metaData);
        Object userId = metaData.get(CommandAxonConfiguration.USER_ID);
        if (centres != null && !other.invoke(b -> b.followedBy(centres, userId == null ? null : userId.toString()))) {
            throw new RuleViolation(Rule.OutsideYourCentres, "case outside the sender's centres",
                    Map.of("beneficiaryId", otherId));
        }
    }
}
