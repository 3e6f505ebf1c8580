package ma.masar.command.partnership;

import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.api.partnership.AmendPartnership;
import ma.masar.api.partnership.EndPartnership;
import ma.masar.api.partnership.PartnershipAmended;
import ma.masar.api.partnership.PartnershipEnded;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.api.partnership.SignPartnership;
import ma.masar.command.Dates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A partnership agreement with a commune, public body, NGO or company. */
@Aggregate
public class Partnership {

    @AggregateIdentifier
    private String partnershipId;
    private LocalDate startsOn;
    private boolean ended;

    protected Partnership() {
        // for Axon
    }

    @CommandHandler
    public Partnership(SignPartnership command, Clock clock) {
        Dates.notInFuture(command.signedOn(), clock);
        Dates.plausible(command.startsOn());
        Dates.plausible(command.endsOn());
        amountNotNegative(command.amountMad());
        endsAfterStart(command.startsOn(), command.endsOn());
        apply(new PartnershipSigned(command.partnershipId(), command.partnerId(), command.partnerName(),
                command.partnerType(), command.subject(), command.amountMad(), command.startsOn(), command.endsOn(),
                List.copyOf(command.centreIds()), command.signedOn()));
    }

    @CommandHandler
    public void handle(AmendPartnership command, Clock clock) {
        Dates.notInFuture(command.amendedOn(), clock);
        Dates.plausible(command.endsOn());
        notEnded();
        amountNotNegative(command.amountMad());
        endsAfterStart(startsOn, command.endsOn());
        apply(new PartnershipAmended(partnershipId, command.subject(), command.amountMad(), command.endsOn(),
                List.copyOf(command.centreIds()), command.amendedOn(), command.reason()));
    }

    @CommandHandler
    public void handle(EndPartnership command, Clock clock) {
        Dates.notInFuture(command.endedOn(), clock);
        notEnded();
        endsAfterStart(startsOn, command.endedOn());
        apply(new PartnershipEnded(partnershipId, command.endedOn(), command.reason()));
    }

    private void notEnded() {
        if (ended) {
            throw new RuleViolation(Rule.PartnershipAlreadyEnded, "the agreement has already ended");
        }
    }

    private static void amountNotNegative(BigDecimal amount) {
        if (amount != null && amount.signum() < 0) {
            throw new RuleViolation(Rule.AmountNegative, "the amount cannot be negative");
        }
    }

    private static void endsAfterStart(LocalDate start, LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) {
            throw new RuleViolation(Rule.PartnershipEndsBeforeStart, "the agreement ends before it starts");
        }
    }

    @EventSourcingHandler
    void on(PartnershipSigned event) {
        partnershipId = event.partnershipId();
        startsOn = event.startsOn();
    }

    @EventSourcingHandler
    void on(PartnershipEnded event) {
        ended = true;
    }
}
