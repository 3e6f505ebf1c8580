package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record ServiceDelivered(String beneficiaryId, String serviceId, Placement placement, ServiceType type,
                               LocalDate deliveredOn) implements AboutBeneficiary {
}
