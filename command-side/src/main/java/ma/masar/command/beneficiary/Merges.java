package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.BeneficiariesMerged;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.MergeUndone;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Where this record stands among two records of one person: on its own, merged into another (the survivor), or
 * holding records merged into it. Decides this record's side of a merge (a merged record changes no more:
 * BeneficiaryMerged; not into itself: CannotMergeWithItself; merges do not chain: DuplicateHoldsMergedRecords) and of
 * its undoing (only a merged record: NotMerged). A member of the {@link Beneficiary} aggregate: {@link
 * MergeCommandHandler} runs both records' sides in one unit of work, and {@link MergedRecords} asks {@link #notMerged}
 * before any other command about the case.
 */
class Merges {

    private String beneficiaryId;
    /** The record this one was merged into, while the merge stands: commands on this one are then refused. */
    private String mergedInto;
    /** The records merged into this one, while their merges stand. */
    private final Set<String> mergedDuplicates = new HashSet<>();

    /** Refuses any change to a record merged into another, naming the survivor, where the person's facts now go. */
    void notMerged() {
        if (mergedInto != null) {
            throw new RuleViolation(Rule.BeneficiaryMerged,
                    "case " + beneficiaryId + " is merged into case " + mergedInto,
                    Map.of("survivorId", mergedInto));
        }
    }

    /** This record takes the duplicate in. */
    void absorb(String duplicateId, String reason, Clock clock) {
        notMerged();
        if (beneficiaryId.equals(duplicateId)) {
            throw new RuleViolation(Rule.CannotMergeWithItself, "a case is not merged into itself");
        }
        apply(new BeneficiariesMerged(beneficiaryId, beneficiaryId, duplicateId, reason, LocalDate.now(clock)));
    }

    /** This record goes into the survivor; one that others were merged into stays, as merges do not chain. */
    void mergeInto(String survivorId, String reason, Clock clock) {
        notMerged();
        if (!mergedDuplicates.isEmpty()) {
            throw new RuleViolation(Rule.DuplicateHoldsMergedRecords,
                    "case " + beneficiaryId + " holds merged records: merge into it instead",
                    Map.of("duplicateId", beneficiaryId));
        }
        apply(new BeneficiariesMerged(beneficiaryId, survivorId, beneficiaryId, reason, LocalDate.now(clock)));
    }

    /** The survivor this merged record is taken out of; refused when this record is not merged. */
    String survivorToLeave() {
        if (mergedInto == null) {
            throw new RuleViolation(Rule.NotMerged, "case " + beneficiaryId + " is not merged into another",
                    Map.of("beneficiaryId", beneficiaryId));
        }
        return mergedInto;
    }

    void undoMerge(String survivorId, String duplicateId, String reason, Clock clock) {
        apply(new MergeUndone(beneficiaryId, survivorId, duplicateId, reason, LocalDate.now(clock)));
    }

    // ---- state

    @EventSourcingHandler
    void on(BeneficiaryRegistered event) {
        beneficiaryId = event.beneficiaryId();
    }

    @EventSourcingHandler
    void on(BeneficiariesMerged event) {
        if (event.onDuplicate()) {
            mergedInto = event.survivorId();
        } else {
            mergedDuplicates.add(event.duplicateId());
        }
    }

    @EventSourcingHandler
    void on(MergeUndone event) {
        if (event.onDuplicate()) {
            mergedInto = null;
        } else {
            mergedDuplicates.remove(event.duplicateId());
        }
    }
}
