package ma.masar.api.centre;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A centre opened. {@code authorisationReference} is the law 14-05 authorisation of a social-care institution. */
@Revision("1")
public record CentreOpened(String centreId,
                           CentreType type,
                           String nameAr,
                           String nameFr,
                           Region region,
                           String province,
                           int capacity,
                           Operator operator,
                           String authorisationReference,
                           LocalDate openedOn) {
}
