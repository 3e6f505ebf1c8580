package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

/** {@code hostCompany} is set for an apprenticeship, null otherwise. */
@Revision("1")
public record EnrolledInProgramme(String beneficiaryId, Placement placement, String hostCompany)
        implements EnrolmentEvent {
}
