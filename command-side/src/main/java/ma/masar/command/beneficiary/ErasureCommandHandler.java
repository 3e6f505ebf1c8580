package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.ErasePersonalData;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Erases a person: the case records the erasure ({@link KeyDestruction} then destroys the key), and the national-ID
 * claim the person held is released in the same unit of work, so that the number is no longer tied to a live case and
 * can be registered again as a new one. The claim's own stream (a keyed hash of the number and the case id) stays:
 * stored events are never edited.
 */
@Component
class ErasureCommandHandler {

    private final Repository<Beneficiary> beneficiaries;
    private final Repository<NationalIdClaim> claims;
    private final NationalIdHasher hasher;
    private final Clock clock;

    ErasureCommandHandler(Repository<Beneficiary> beneficiaries, Repository<NationalIdClaim> claims,
                          NationalIdHasher hasher, Clock clock) {
        this.beneficiaries = beneficiaries;
        this.claims = claims;
        this.hasher = hasher;
        this.clock = clock;
    }

    @CommandHandler
    public void handle(ErasePersonalData command) {
        Aggregate<Beneficiary> beneficiary = beneficiaries.load(command.beneficiaryId());
        String nationalId = beneficiary.invoke(Beneficiary::registeredNationalId);
        beneficiary.execute(b -> b.erase(command, clock));
        if (nationalId != null && !nationalId.isBlank()) {
            try {
                claims.load(hasher.claimId(nationalId)).execute(claim -> claim.release(command.beneficiaryId()));
            } catch (AggregateNotFoundException e) {
                // registered before claims existed: nothing to release
            }
        }
    }
}
