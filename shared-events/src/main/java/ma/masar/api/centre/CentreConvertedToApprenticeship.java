package ma.masar.api.centre;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A vocational-familiarisation centre became an apprenticeship centre (the agency did this to most of them). */
@Revision("1")
public record CentreConvertedToApprenticeship(String centreId, LocalDate convertedOn) {
}
