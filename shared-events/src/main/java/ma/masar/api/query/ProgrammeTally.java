package ma.masar.api.query;

import java.util.List;

import ma.masar.api.common.ProgrammeType;

public record ProgrammeTally(ProgrammeType programme, Tally tally, List<RegionTally> byRegion) {
}
