package ma.masar.api.query;

import java.util.List;

public record CentrePage(int page, int size, long total, List<CentreSummary> items) {
}
