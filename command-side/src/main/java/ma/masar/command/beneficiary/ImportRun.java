package ma.masar.command.beneficiary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One run of {@link RegisterImport} as the administrator follows it ({@code GET /api/imports/{id}}): how far it is, what
 * was imported or already there, and each refused row. {@link RegisterImport} counts into it as the rows are recorded.
 */
public final class ImportRun {

    /** One refused row: its line in the file, the register's id, the rule (or the fields) and why, localised. */
    public record Refusal(long line, String sourceId, String rule, List<String> fields, String title, String detail) {
    }

    final String id = UUID.randomUUID().toString();
    final RegisterImport.Kind kind;
    private final String startedBy;
    private final Instant startedAt;
    final int rows;
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger imported = new AtomicInteger();
    final AtomicInteger alreadyThere = new AtomicInteger();
    final List<Refusal> refusals = Collections.synchronizedList(new ArrayList<>());
    volatile Instant endedAt;

    ImportRun(RegisterImport.Kind kind, String startedBy, Instant startedAt, int rows) {
        this.kind = kind;
        this.startedBy = startedBy;
        this.startedAt = startedAt;
        this.rows = rows;
    }

    public Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("importId", id);
        report.put("kind", kind.name());
        report.put("startedBy", startedBy);
        report.put("startedAt", startedAt.toString());
        report.put("endedAt", endedAt == null ? null : endedAt.toString());
        report.put("rows", rows);
        report.put("done", done.get());
        report.put("percent", rows == 0 ? 100 : done.get() * 100 / rows);
        report.put("imported", imported.get());
        report.put("alreadyThere", alreadyThere.get());
        List<Refusal> sorted;
        synchronized (refusals) {
            sorted = refusals.stream().sorted(Comparator.comparingLong(Refusal::line)).toList();
        }
        report.put("refused", sorted.size());
        report.put("refusals", sorted);
        return report;
    }

    public String id() {
        return id;
    }
}
