package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.api.followup.CancelFollowUp;
import ma.masar.api.followup.CompleteFollowUp;
import ma.masar.api.followup.FollowUpCancelled;
import ma.masar.api.followup.FollowUpDone;
import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.FollowUpScheduled;
import ma.masar.api.followup.RecordReferralOutcome;
import ma.masar.api.followup.ReferralDeadlineSet;
import ma.masar.api.followup.ReferralOutcome;
import ma.masar.api.followup.ReferralOutcomeRecorded;
import ma.masar.api.followup.ScheduleFollowUp;
import ma.masar.api.followup.SetReferralDeadline;
import ma.masar.command.Dates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The plan of a case: its follow-ups (scheduled, then done or cancelled) and where its referrals stand (deadline,
 * outcome). A member of the {@link Beneficiary} aggregate, so that its commands load, lock and scope-check the case
 * like every other fact about it; it keeps the little state its rules need and learns about referrals and erasure
 * from the case's own events. Overdue is not a state here: it depends on today, and the read side derives it.
 */
class CasePlan {

    private final Map<String, FollowUp> followUps = new HashMap<>();
    private final Map<String, Referral> referrals = new HashMap<>();
    private boolean erased;

    // ---- follow-ups

    @CommandHandler
    public void handle(ScheduleFollowUp command, Clock clock) {
        if (followUps.containsKey(command.followUpId())) {
            return; // a retried command: the follow-up is already scheduled
        }
        if (erased) {
            throw Beneficiary.erasedRefusal(command.beneficiaryId());
        }
        Dates.notInFuture(command.scheduledOn(), clock);
        Dates.plausible(command.dueOn());
        if (command.dueOn().isBefore(command.scheduledOn())) {
            throw new RuleViolation(Rule.DueDateBeforeSchedule, "the due date is before the day it is scheduled",
                    Map.of("dueOn", command.dueOn().toString()));
        }
        apply(new FollowUpScheduled(command.beneficiaryId(), command.followUpId(), command.kind(), command.what(),
                command.dueOn(), command.assignedTo(), command.scheduledOn()));
    }

    @CommandHandler
    public void handle(CompleteFollowUp command, Clock clock) {
        FollowUp followUp = openFollowUp(command.followUpId());
        closingDate(command.doneOn(), followUp.scheduledOn(), clock);
        apply(new FollowUpDone(command.beneficiaryId(), command.followUpId(), followUp.kind(), command.doneOn()));
    }

    @CommandHandler
    public void handle(CancelFollowUp command, Clock clock) {
        FollowUp followUp = openFollowUp(command.followUpId());
        closingDate(command.cancelledOn(), followUp.scheduledOn(), clock);
        apply(new FollowUpCancelled(command.beneficiaryId(), command.followUpId(), followUp.kind(),
                command.cancelledOn()));
    }

    /** Rule FollowUpNotFound, then FollowUpAlreadyClosed: a follow-up is done or cancelled once. */
    private FollowUp openFollowUp(String followUpId) {
        FollowUp followUp = followUps.get(followUpId);
        if (followUp == null) {
            throw new RuleViolation(Rule.FollowUpNotFound, "no follow-up " + followUpId + " on this case",
                    Map.of("followUpId", String.valueOf(followUpId)));
        }
        if (followUp.closed()) {
            throw new RuleViolation(Rule.FollowUpAlreadyClosed, "follow-up " + followUpId + " is already closed",
                    Map.of("followUpId", followUpId));
        }
        return followUp;
    }

    // ---- referrals

    @CommandHandler
    public void handle(SetReferralDeadline command, Clock clock) {
        Referral referral = openReferral(command.referralId());
        Dates.plausible(command.respondBy());
        if (command.respondBy().isBefore(referral.referredOn())) {
            throw new RuleViolation(Rule.DueDateBeforeSchedule, "the deadline is before the referral",
                    Map.of("dueOn", command.respondBy().toString()));
        }
        if (command.respondBy().equals(referral.respondBy())) {
            return; // already so
        }
        apply(new ReferralDeadlineSet(command.beneficiaryId(), command.referralId(), referral.partnershipId(),
                command.respondBy()));
    }

    @CommandHandler
    public void handle(RecordReferralOutcome command, Clock clock) {
        Referral referral = openReferral(command.referralId());
        closingDate(command.outcomeOn(), referral.referredOn(), clock);
        if (command.outcome() == referral.outcome()) {
            return; // a retried command: that answer is recorded
        }
        apply(new ReferralOutcomeRecorded(command.beneficiaryId(), command.referralId(), referral.partnershipId(),
                command.outcome(), command.outcomeOn()));
    }

    /** Rule ReferralNotFound, then ReferralAlreadyClosed: nothing follows a refusal or a delivered service. */
    private Referral openReferral(String referralId) {
        Referral referral = referrals.get(referralId);
        if (referral == null) {
            throw new RuleViolation(Rule.ReferralNotFound, "no referral " + referralId + " on this case",
                    Map.of("referralId", String.valueOf(referralId)));
        }
        if (referral.outcome() != null && referral.outcome().isFinal()) {
            throw new RuleViolation(Rule.ReferralAlreadyClosed, "referral " + referralId + " has a final outcome",
                    Map.of("referralId", referralId));
        }
        return referral;
    }

    /** Not in the future, not before the thing it closes began. */
    private static void closingDate(LocalDate on, LocalDate began, Clock clock) {
        Dates.notInFuture(on, clock);
        if (on.isBefore(began)) {
            throw new RuleViolation(Rule.DateOutOfRange, "the date is before " + began);
        }
    }

    // ---- state

    @EventSourcingHandler
    void on(FollowUpScheduled event) {
        followUps.put(event.followUpId(), new FollowUp(event.kind(), event.scheduledOn(), false));
    }

    @EventSourcingHandler
    void on(FollowUpDone event) {
        close(event.followUpId());
    }

    @EventSourcingHandler
    void on(FollowUpCancelled event) {
        close(event.followUpId());
    }

    private void close(String followUpId) {
        followUps.computeIfPresent(followUpId, (id, followUp) -> new FollowUp(followUp.kind(), followUp.scheduledOn(), true));
    }

    @EventSourcingHandler
    void on(ReferredToPartner event) {
        referrals.put(event.referralId(), new Referral(event.partnershipId(), event.referredOn(), null, null));
    }

    @EventSourcingHandler
    void on(ReferralDeadlineSet event) {
        referrals.computeIfPresent(event.referralId(),
                (id, r) -> new Referral(r.partnershipId(), r.referredOn(), event.respondBy(), r.outcome()));
    }

    @EventSourcingHandler
    void on(ReferralOutcomeRecorded event) {
        referrals.computeIfPresent(event.referralId(),
                (id, r) -> new Referral(r.partnershipId(), r.referredOn(), r.respondBy(), event.outcome()));
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased = true;
    }

    private record FollowUp(FollowUpKind kind, LocalDate scheduledOn, boolean closed) {
    }

    private record Referral(String partnershipId, LocalDate referredOn, LocalDate respondBy, ReferralOutcome outcome) {
    }
}
