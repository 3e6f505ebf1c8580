package ma.masar.api.followup;

import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A planned follow-up was done. Its kind is repeated so that the fact reads alone (timeline, counts). */
@Revision("1")
public record FollowUpDone(String beneficiaryId, String followUpId, FollowUpKind kind, LocalDate doneOn)
        implements AboutBeneficiary {
}
