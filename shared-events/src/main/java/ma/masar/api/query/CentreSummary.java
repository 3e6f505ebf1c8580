package ma.masar.api.query;

import java.time.LocalDate;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;

/** A centre as the centre list shows it; {@code converted} marks a familiarisation centre turned apprenticeship centre. */
public record CentreSummary(String centreId,
                            CentreType type,
                            String nameAr,
                            String nameFr,
                            Region region,
                            String province,
                            int capacity,
                            int occupied,
                            Operator operator,
                            CentreStatus status,
                            boolean converted,
                            LocalDate openedOn,
                            LocalDate closedOn) {
}
