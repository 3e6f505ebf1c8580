package ma.masar.api.query;

import ma.masar.api.common.Region;

public record RegionTally(Region region, Tally tally) {
}
