package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Registers a person, claiming their national ID number (if any) in the same unit of work. */
@Component
class RegistrationCommandHandler {

    private final Repository<Beneficiary> beneficiaries;
    private final Repository<NationalIdClaim> claims;
    private final EventStore eventStore;
    private final NationalIdHasher hasher;
    private final Clock clock;

    RegistrationCommandHandler(Repository<Beneficiary> beneficiaries, Repository<NationalIdClaim> claims,
                               EventStore eventStore, NationalIdHasher hasher, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.claims = claims;
        this.eventStore = eventStore;
        this.hasher = hasher;
        this.clock = clock;
    }

    @CommandHandler
    public String handle(RegisterBeneficiary command) throws Exception {
        if (exists(command.beneficiaryId())) {
            throw new RuleViolation(Rule.BeneficiaryAlreadyRegistered,
                    "case " + command.beneficiaryId() + " is already registered",
                    Map.of("beneficiaryId", command.beneficiaryId()));
        }
        for (String other : command.notTheSameAs()) {
            // a statement about a case that does not exist would record nothing a reader could check
            if (other.equals(command.beneficiaryId()) || !exists(other)) {
                throw new RuleViolation(Rule.BeneficiaryNotFound, "case " + other + " does not exist",
                        Map.of("beneficiaryId", other));
            }
        }
        String nationalId = command.personal().nationalId();
        if (nationalId != null && !nationalId.isBlank()) {
            String claimId = hasher.claimId(nationalId);
            Optional<String> holder = holderOf(claimId);
            if (holder.isPresent()) {
                throw new RuleViolation(Rule.NationalIdAlreadyRegistered,
                        "a person with this national ID number is already registered as case " + holder.get(),
                        Map.of("existingBeneficiaryId", holder.get()));
            }
            if (exists(claimId)) {
                // released by an erasure: the number starts a new case
                claims.load(claimId).execute(claim -> claim.reclaim(command.beneficiaryId()));
            } else {
                claims.newInstance(() -> new NationalIdClaim(claimId, command.beneficiaryId()));
            }
        }
        beneficiaries.newInstance(() -> new Beneficiary(command, clock));
        return command.beneficiaryId();
    }

    /** Asks the event store for the stream's last sequence number: no aggregate load, no exception. */
    private boolean exists(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }

    private Optional<String> holderOf(String claimId) {
        if (!exists(claimId)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(claims.load(claimId).invoke(NationalIdClaim::beneficiaryId));
        } catch (AggregateNotFoundException e) {
            return Optional.empty();
        }
    }
}
