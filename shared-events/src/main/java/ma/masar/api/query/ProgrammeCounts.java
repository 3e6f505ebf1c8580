package ma.masar.api.query;

import java.util.List;

/** Counts per programme (with a breakdown by region), their total, and the centres open per type. */
public record ProgrammeCounts(FindProgrammeCounts query,
                              Tally total,
                              List<ProgrammeTally> programmes,
                              List<CentresOpen> centresOpen) {
}
