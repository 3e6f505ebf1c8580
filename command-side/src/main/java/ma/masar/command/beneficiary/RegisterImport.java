package ma.masar.command.beneficiary;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.infra.GroupCommit;
import ma.masar.command.web.CommandSender;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.stereotype.Component;

import java.io.Reader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bulk import of an existing register: an administrator uploads a CSV file of one record kind ({@link Kind}), and
 * every row becomes the command the API would send for it, validated as the API validates its body, through the same
 * command bus, aggregates and rules. Rows refused do not stop the rest: the run's report names each refused row, the
 * rule or the fields at fault, in the administrator's language, never the row's personal content.
 * <p>
 * Re-running a file stores nothing twice: the identifiers come from the register's own row id ({@code sourceId})
 * alone, so a row already imported meets its own earlier record ({@code BeneficiaryAlreadyRegistered},
 * {@code EnrolmentAlreadyExists}) and is counted as already there. This holds across restarts and whoever runs it,
 * without any record outside the event store. Rows are recorded 40 to a transaction ({@link GroupCommit}; a refused
 * row costs its group one more transaction, not the other rows), two groups at a time, on Spring's task executor in
 * the background; {@code GET /api/imports/{id}} follows it.
 */
@Component
public class RegisterImport {

    private static final Logger log = LoggerFactory.getLogger(RegisterImport.class);
    private static final int KEEP_RUNS = 20;
    /** Groups of rows recorded at once, each in its own transaction. */
    private static final int CONCURRENCY = 2;
    /** Rows per transaction ({@link GroupCommit}): one write to disk for all of them. */
    private static final int GROUP_SIZE = 40;
    /** The register's own id of a row: what makes a re-run store nothing twice. Not personal: say so to suppliers. */
    private static final java.util.regex.Pattern SOURCE_ID = RegisterRows.SOURCE_ID;

    /** What a file holds, one kind per file, with the columns it must have (a header line names them). */
    public enum Kind {
        PEOPLE(List.of("sourceId", "givenNameAr", "familyNameAr", "givenNameLatin", "familyNameLatin", "dateOfBirth",
                "sex", "region", "province", "household"),
                List.of("nationalId", "address", "disability", "registeredOn")),
        ENROLMENTS(List.of("sourceId", "personSourceId", "centreId", "programme", "enrolledOn"),
                List.of("hostCompany"));

        final List<String> required;
        final List<String> optional;

        Kind(List<String> required, List<String> optional) {
            this.required = required;
            this.optional = optional;
        }
    }

    /** The file itself is unusable (not CSV, a column missing or unknown): nothing is imported. */
    public static class UnusableFile extends RuntimeException {
        public UnusableFile(String message) {
            super(message);
        }
    }

    private final CommandSender commands;
    private final GroupCommit groupCommit;
    private final RegisterRows rows;
    private final MessageSource messages;
    private final ThreadPoolTaskExecutor executor;
    private final Clock clock;
    /**
     * The KEEP_RUNS runs started last, in the order they started. Not a cache such as Caffeine's size bound: that
     * keeps the runs read most, so while the import page followed older runs a run just started would be dropped
     * (RegisterImportRunsTest).
     */
    private final Map<String, ImportRun> runs = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImportRun> eldest) {
            return size() > KEEP_RUNS;
        }
    });
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    RegisterImport(CommandSender commands, GroupCommit groupCommit, Validator validator, ObjectMapper json, MessageSource messages,
                   ThreadPoolTaskExecutorBuilder executors, Clock clock) {
        this.commands = commands;
        this.groupCommit = groupCommit;
        this.rows = new RegisterRows(validator, json, clock);
        this.messages = messages;
        this.clock = clock;
        // one thread reads a file's rows out to CONCURRENCY others; Spring's own executor, stopped with the context
        this.executor = executors.threadNamePrefix("import-").corePoolSize(CONCURRENCY + 1)
                .maxPoolSize(CONCURRENCY + 1).build();
        this.executor.initialize();
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** Reads the whole file (refusing it whole if unusable), then imports it in the background. */
    public ImportRun start(Kind kind, Reader csv, String startedBy, Locale locale) {
        List<Map<String, String>> rows = this.rows.read(kind, csv);
        ImportRun run = new ImportRun(kind, startedBy, clock.instant(), rows.size());
        runs.put(run.id, run);
        running.add(run.id);
        // the administrator's identity goes with the work: every event records who imported it
        executor.execute(new DelegatingSecurityContextRunnable(() -> importAll(run, rows, locale)));
        log.info("Import {} of {} rows ({}) started by {}", run.id, rows.size(), kind, startedBy);
        return run;
    }

    public Optional<ImportRun> run(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public List<Map<String, Object>> runs() {
        synchronized (runs) {
            List<Map<String, Object>> newestFirst = new ArrayList<>(runs.values().stream().map(ImportRun::report).toList());
            Collections.reverse(newestFirst);
            return newestFirst;
        }
    }


    private void importAll(ImportRun run, List<Map<String, String>> rows, Locale locale) {
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        try {
            List<Row> group = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                Row row = row(run, i + 2L, rows.get(i), locale); // the header is line 1
                if (row == null) {
                    run.done.incrementAndGet();
                    continue;
                }
                group.add(row);
                if (group.size() == GROUP_SIZE || i == rows.size() - 1) {
                    List<Row> rowsOfGroup = group;
                    group = new ArrayList<>();
                    inFlight.acquire();
                    executor.execute(new DelegatingSecurityContextRunnable(() -> {
                        try {
                            record(run, rowsOfGroup, locale);
                        } finally {
                            run.done.addAndGet(rowsOfGroup.size());
                            inFlight.release();
                        }
                    }));
                }
            }
            inFlight.acquire(CONCURRENCY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            run.endedAt = clock.instant();
            running.remove(run.id);
            log.info("Import {} ended: {} imported, {} already there, {} refused of {} rows", run.id,
                    run.imported.get(), run.alreadyThere.get(), run.refusals.size(), run.rows);
        }
    }

    /** A row of the file as the command it asks for. */
    private record Row(long line, String sourceId, CommandMessage<?> command) {
    }

    /** The row's command, or null when the row is refused as it stands (its refusal is reported). */
    private Row row(ImportRun run, long line, Map<String, String> cells, Locale locale) {
        Map<String, String> row = new LinkedHashMap<>();
        cells.forEach((column, value) -> row.put(column, value == null || value.isBlank() ? null : value));
        String sourceId = row.get("sourceId");
        if (sourceId == null || !SOURCE_ID.matcher(sourceId).matches()) {
            run.refusals.add(new ImportRun.Refusal(line, null, "InvalidFields", List.of("sourceId"),
                    text("import.InvalidFields", locale, "Invalid fields"), "sourceId: [A-Za-z0-9._:/-]{1,100}"));
            return null;
        }
        try {
            Object command = switch (run.kind) {
                case PEOPLE -> rows.person(sourceId, row);
                case ENROLMENTS -> rows.enrolment(sourceId, row);
            };
            return new Row(line, sourceId, commands.message(command, "import-" + run.id));
        } catch (RegisterRows.InvalidRow invalid) {
            String fields = String.join(", ", invalid.fields);
            run.refusals.add(new ImportRun.Refusal(line, sourceId, "InvalidFields", invalid.fields,
                    text("import.InvalidFields", locale, "Invalid fields"), fields));
            return null;
        }
    }

    /** A group of rows in one transaction ({@link GroupCommit}): each row still its command, rules and outcome. */
    private void record(ImportRun run, List<Row> group, Locale locale) {
        List<GroupCommit.Outcome> outcomes = groupCommit.run(group.stream()
                .<List<CommandMessage<?>>>map(row -> List.of(row.command())).toList());
        for (int i = 0; i < group.size(); i++) {
            RuntimeException refusal = outcomes.get(i).refusal();
            if (refusal == null) {
                run.imported.incrementAndGet();
            } else {
                refused(run, group.get(i), refusal, locale);
            }
        }
    }

    private void refused(ImportRun run, Row row, RuntimeException refusal, Locale locale) {
        long line = row.line();
        String sourceId = row.sourceId();
        if (refusal instanceof AggregateNotFoundException) {
            run.refusals.add(new ImportRun.Refusal(line, sourceId, "NotFound", List.of("personSourceId"),
                    text("problem.NotFound", locale, "Not found"), text("problem.NotFound.detail", locale, "")));
            return;
        }
        RuleViolation.RuleBroken broken = refusal instanceof CommandExecutionException e ? broken(e) : null;
        if (broken == null) {
            log.warn("Import {}: line {} failed: {}", run.id, line, refusal.getClass().getSimpleName());
            run.refusals.add(new ImportRun.Refusal(line, sourceId, "Unexpected", List.of(),
                    text("problem.Unexpected", locale, "Unexpected error"), refusal.getClass().getSimpleName()));
        } else if (alreadyThere(run.kind, broken.rule())) {
            run.alreadyThere.incrementAndGet();
        } else {
            String name = broken.rule().name();
            // the rule's own words where the bundle has them; else its arguments, which need no language
            String arguments = broken.arguments().entrySet().stream()
                    .map(argument -> argument.getKey() + ": " + argument.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
            run.refusals.add(new ImportRun.Refusal(line, sourceId, name, List.of(), text("rule." + name, locale, name),
                    messages.getMessage("rule." + name + ".detail", broken.arguments().values().toArray(),
                            arguments, locale)));
        }
    }

    /** A row met its own earlier import: the identifiers come from the register's row id. */
    private static boolean alreadyThere(Kind kind, Rule rule) {
        return kind == Kind.PEOPLE ? rule == Rule.BeneficiaryAlreadyRegistered : rule == Rule.EnrolmentAlreadyExists;
    }

    private static RuleViolation.RuleBroken broken(CommandExecutionException e) {
        if (e instanceof RuleViolation violation) {
            return violation.broken();
        }
        return e.getDetails().filter(RuleViolation.RuleBroken.class::isInstance)
                .map(RuleViolation.RuleBroken.class::cast).orElse(null);
    }



    private String text(String key, Locale locale, String fallback) {
        return messages.getMessage(key, null, fallback, locale);
    }

}
