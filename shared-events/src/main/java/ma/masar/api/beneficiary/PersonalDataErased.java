package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/**
 * A person's personal data was erased. Holds none itself; the person's key is destroyed once this is stored, and
 * from then on their names, ID number, address and notes read as erased. The rest of the case stays whole.
 */
@Revision("1")
public record PersonalDataErased(String beneficiaryId,
                                 LegalGround legalGround,
                                 String requestReference,
                                 LocalDate erasedOn) implements AboutBeneficiary {
}
