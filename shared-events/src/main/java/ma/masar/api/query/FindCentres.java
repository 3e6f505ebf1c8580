package ma.masar.api.query;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Region;

/** Centres, narrowed by region and type when given, sorted by region, province and French name. */
public record FindCentres(Region region, CentreType type, int page, int size) {
}
