package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.NationalIdClaimed;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A national ID number taken by one beneficiary. Its identifier is a keyed hash of the number, so the
 * event store's unique (aggregate, sequence) refuses a second claim of the same number atomically with
 * the registration, on the JDBC store and on Axon Server alike; the number itself is never stored here.
 */
@Aggregate
public class NationalIdClaim {

    @AggregateIdentifier
    private String claimId;
    private String beneficiaryId;

    protected NationalIdClaim() {
        // for Axon
    }

    NationalIdClaim(String claimId, String beneficiaryId) {
        apply(new NationalIdClaimed(claimId, beneficiaryId));
    }

    String beneficiaryId() {
        return beneficiaryId;
    }

    @EventSourcingHandler
    void on(NationalIdClaimed event) {
        claimId = event.claimId();
        beneficiaryId = event.beneficiaryId();
    }
}
