package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** Revision 2 renamed {@code type} to {@code serviceType}: see {@code upcasting.ServiceTypeRenamed}. */
@Revision("2")
public record ServiceDelivered(String beneficiaryId, String serviceId, Placement placement, ServiceType serviceType,
                               LocalDate deliveredOn) implements AboutBeneficiary {
}
