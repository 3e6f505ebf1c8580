package ma.masar.command.beneficiary;

import ma.masar.api.beneficiary.NationalIdClaimed;
import ma.masar.api.beneficiary.NationalIdReleased;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A national ID number taken by one beneficiary. Its identifier is a keyed hash of the number, so the
 * event store's unique (aggregate, sequence) refuses a second claim of the same number atomically with
 * the registration, on the JDBC store and on Axon Server alike; the number itself is never stored here. When the
 * holder's personal data is erased the claim is released, and the number can be claimed again by a new case.
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

    /** The case holding the number, or null once released. */
    String beneficiaryId() {
        return beneficiaryId;
    }

    void release(String erasedBeneficiaryId) {
        if (erasedBeneficiaryId.equals(beneficiaryId)) {
            apply(new NationalIdReleased(claimId, erasedBeneficiaryId));
        }
    }

    void reclaim(String newBeneficiaryId) {
        if (beneficiaryId != null) {
            throw new IllegalStateException("claim " + claimId + " is held");
        }
        apply(new NationalIdClaimed(claimId, newBeneficiaryId));
    }

    @EventSourcingHandler
    void on(NationalIdClaimed event) {
        claimId = event.claimId();
        beneficiaryId = event.beneficiaryId();
    }

    @EventSourcingHandler
    void on(NationalIdReleased event) {
        beneficiaryId = null;
    }
}
