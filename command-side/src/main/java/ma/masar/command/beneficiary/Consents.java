package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.ConsentGiven;
import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.ConsentWithdrawn;
import ma.masar.api.beneficiary.GiveConsent;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.WithdrawConsent;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.Dates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The person's consents, scope by scope, in the order given. Decides giving one (not about an erased person, not
 * while one of the scope is in force: ConsentAlreadyGiven) and withdrawing one (only the one in force, not before it
 * was given: ConsentNotGiven), and answers for what needs a consent whether one was in force on a day
 * (ConsentRequired: a referral, decided by {@link Beneficiary}). A member of the {@link Beneficiary} aggregate, so its
 * commands load, lock and scope-check the case like every other fact about it; it learns about erasure from the case's
 * own event.
 */
class Consents {

    /** Each scope's consents in the order given; the last one may still be in force. */
    private final Map<ConsentScope, List<Consent>> byScope = new EnumMap<>(ConsentScope.class);
    private boolean erased;

    @CommandHandler
    public void handle(GiveConsent command, Clock clock) {
        if (erased) {
            throw Beneficiary.erasedRefusal(command.beneficiaryId());
        }
        Dates.notInFuture(command.givenOn(), clock);
        Consent last = last(command.scope());
        if (last != null && last.withdrawnOn() == null) {
            throw new RuleViolation(Rule.ConsentAlreadyGiven, "a consent of scope " + command.scope() + " is in force",
                    Map.of("scope", command.scope().name()));
        }
        apply(new ConsentGiven(command.beneficiaryId(), command.scope(), command.purpose(), command.givenOn()));
    }

    @CommandHandler
    public void handle(WithdrawConsent command, Clock clock) {
        Dates.notInFuture(command.withdrawnOn(), clock);
        Consent last = last(command.scope());
        if (last == null || last.withdrawnOn() != null || command.withdrawnOn().isBefore(last.givenOn())) {
            throw new RuleViolation(Rule.ConsentNotGiven, "no consent of scope " + command.scope() + " is in force",
                    Map.of("scope", command.scope().name()));
        }
        apply(new ConsentWithdrawn(command.beneficiaryId(), command.scope(), command.withdrawnOn()));
    }

    /** Rule ConsentRequired: refuses what needs the consent of {@code scope} unless it was in force on that day. */
    void requireInForce(ConsentScope scope, LocalDate on) {
        boolean inForce = byScope.getOrDefault(scope, List.of()).stream().anyMatch(consent -> consent.inForceOn(on));
        if (!inForce) {
            throw new RuleViolation(Rule.ConsentRequired, "no consent of scope " + scope + " is in force on " + on,
                    Map.of("scope", scope.name()));
        }
    }

    private Consent last(ConsentScope scope) {
        List<Consent> given = byScope.get(scope);
        return given == null || given.isEmpty() ? null : given.get(given.size() - 1);
    }

    // ---- state

    @EventSourcingHandler
    void on(ConsentGiven event) {
        byScope.computeIfAbsent(event.scope(), scope -> new ArrayList<>()).add(new Consent(event.givenOn(), null));
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        List<Consent> given = byScope.get(event.scope());
        Consent last = given.remove(given.size() - 1);
        given.add(new Consent(last.givenOn(), event.withdrawnOn()));
    }

    @EventSourcingHandler
    void on(PersonalDataErased event) {
        erased = true;
    }

    /** In force from {@code givenOn} until the day before {@code withdrawnOn}, or for good if never withdrawn. */
    private record Consent(LocalDate givenOn, LocalDate withdrawnOn) {
        boolean inForceOn(LocalDate day) {
            return !day.isBefore(givenOn) && (withdrawnOn == null || day.isBefore(withdrawnOn));
        }
    }
}
