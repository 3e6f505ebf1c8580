package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A planned follow-up will not be done. */
@Revision("1")
public record FollowUpCancelled(String beneficiaryId, String followUpId, LocalDate cancelledOn)
        implements AboutBeneficiary {
}
