package ma.masar.api.partnership;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record PartnershipEnded(String partnershipId, LocalDate endedOn, String reason) {
}
