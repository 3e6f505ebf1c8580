package ma.masar.api.query;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Region;

/** {@code rate} is occupied over capacity (0 when the capacity is 0). */
public record CentreOccupancy(String centreId, CentreType type, Region region, String province, CentreStatus status,
                              int capacity, int occupied, int free, double rate) {
}
