package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Consent of one scope, for a stated purpose, from {@code givenOn} until it is withdrawn. */
@Revision("1")
public record ConsentGiven(String beneficiaryId, ConsentScope scope, String purpose, LocalDate givenOn)
        implements AboutBeneficiary {
}
