package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A planned follow-up was done. */
@Revision("1")
public record FollowUpDone(String beneficiaryId, String followUpId, LocalDate doneOn) implements AboutBeneficiary {
}
