package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * The social worker who registered the person was shown these likely matches first and stated that none of them is
 * the person: recorded in the unit of work of the registration, right after it, so that a duplicate found later shows
 * who decided what on which evidence. Who she is is the event's {@code userId}.
 */
@Revision("1")
public record DifferentPersonStated(String beneficiaryId, List<String> notTheSameAs, LocalDate statedOn)
        implements AboutBeneficiary {
}
