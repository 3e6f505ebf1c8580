package ma.masar.query.infra;

import java.util.List;

/**
 * The read models, one processing group (and one pooled streaming processor) each. Their threads, segments, batch
 * size and sequencing policy are in {@code masar-query.yml} under {@code axon.eventhandling.processors.<name>}.
 */
public final class ProcessingGroups {

    public static final String TIMELINE = "timeline";
    public static final String SEARCH = "search";
    public static final String COUNTS = "counts";
    public static final String CENTRES = "centres";
    public static final String CASELOAD = "caseload";
    public static final String STAFF = "staff";

    public static final List<String> ALL = List.of(TIMELINE, SEARCH, COUNTS, CENTRES, CASELOAD, STAFF);

    private ProcessingGroups() {
    }
}
