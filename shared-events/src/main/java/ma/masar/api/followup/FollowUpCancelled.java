package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A planned follow-up will not be done. Its kind is repeated so that the fact reads alone. */
@Revision("1")
public record FollowUpCancelled(String beneficiaryId, String followUpId, FollowUpKind kind, LocalDate cancelledOn)
        implements AboutBeneficiary {
}
