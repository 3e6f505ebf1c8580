package ma.masar.command.infra;

import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.Sex;
import ma.masar.command.CommandTestApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Issue 16: how many bytes the embedded event store's file holds per event, and how fast commands are acknowledged,
 * for several H2 configurations (BENCHMARKS.md, "Embedded event store (issue 16)"). Realistic events through the
 * command side (aggregates, rules, the personal-data cipher, the hash chain): a registration and a case note per
 * person, 8 commands in flight as the demo load sends them. Not a test: run on purpose with
 * {@code -Dmasar.storage.benchmark=true} (optionally {@code -Dmasar.storage.benchmark.people=10000}).
 */
class EventStoreFootprintBenchmark {

    /** The candidates: what follows {@code jdbc:h2:file:.../events} in the URL, and the compaction period. */
    private static final List<String[]> CANDIDATES = List.of(
            new String[]{"WRITE_DELAY=0 (before issue 16)", ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "PT5S"},
            new String[]{"WRITE_DELAY=0, RETENTION_TIME=1000", ";WRITE_DELAY=0;RETENTION_TIME=1000;DB_CLOSE_ON_EXIT=FALSE", "PT1S"},
            new String[]{"WRITE_DELAY=0, RETENTION_TIME=1000, no chunk rewriting", ";WRITE_DELAY=0;RETENTION_TIME=1000;DB_CLOSE_ON_EXIT=FALSE", "PT1H"},
            new String[]{"WRITE_DELAY=0, RETENTION_TIME=1000, COMPRESS=TRUE", ";WRITE_DELAY=0;RETENTION_TIME=1000;COMPRESS=TRUE;DB_CLOSE_ON_EXIT=FALSE", "PT1S"},
            new String[]{"WRITE_DELAY=0, RETENTION_TIME=1000, chunks rewritten every 250 ms", ";WRITE_DELAY=0;RETENTION_TIME=1000;DB_CLOSE_ON_EXIT=FALSE", "PT0.25S"},
            new String[]{"WRITE_DELAY=0, RETENTION_TIME=1000, COMPRESS=TRUE, every 250 ms", ";WRITE_DELAY=0;RETENTION_TIME=1000;COMPRESS=TRUE;DB_CLOSE_ON_EXIT=FALSE", "PT0.25S"},
            new String[]{"default write delay (not durable)", ";DB_CLOSE_ON_EXIT=FALSE", "PT5S"});

    @Test
    void measure() throws Exception {
        assumeThat(Boolean.getBoolean("masar.storage.benchmark")).as("run on purpose only").isTrue();
        int people = Integer.getInteger("masar.storage.benchmark.people", 10_000);
        String only = System.getProperty("masar.storage.benchmark.only", "");
        String skip = System.getProperty("masar.storage.benchmark.skip", "");
        List<String> rows = new ArrayList<>();
        for (String[] candidate : CANDIDATES) {
            if (!only.isEmpty() && !candidate[0].equals(only) || !skip.isEmpty() && candidate[0].startsWith(skip)) {
                continue;
            }
            rows.add(run(candidate[0], candidate[1], candidate[2], people));
            System.out.println("BENCHMARK " + rows.get(rows.size() - 1));
        }
        System.out.println("BENCHMARK | configuration | events | commands/s | load avg | bytes/event at end of load "
                           + "| bytes/event 20 s later | bytes/event after close |");
        rows.forEach(row -> System.out.println("BENCHMARK " + row));
    }

    private static String run(String name, String urlSettings, String compaction, int people) throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        Path file = dataDir.resolve("events.mv.db");
        long events;
        long atEnd;
        long later;
        double perSecond;
        String load;
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CommandTestApplication.class)
                .properties("spring.config.name=masar-command")
                .run("--masar.data-dir=" + dataDir, "--spring.data.mongodb.uri=" + CommandTestApplication.mongoUri(),
                     "--server.port=0", "--masar.h2.compaction-period=" + compaction,
                     "--spring.datasource.url=jdbc:h2:file:" + dataDir + "/events" + urlSettings)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            Semaphore inFlight = new Semaphore(8);
            List<CompletableFuture<?>> sent = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < people; i++) {
                String id = "bench-" + i;
                String noteId = "note-" + i;
                inFlight.acquire();
                CompletableFuture<?> both = commands.send(person(id, i % 2 == 0 ? Sex.FEMALE : Sex.MALE,
                                                                 LocalDate.of(1980 + i % 30, 1 + i % 12, 1 + i % 28)))
                        .thenCompose(registered -> commands.send(new AddCaseNote(id, noteId,
                                "زيارة منزلية: الأسرة تحتاج إلى دعم في التمدرس. Visite à domicile, suivi scolaire.",
                                LocalDate.of(2010, 3, 1))))
                        .whenComplete((result, failure) -> inFlight.release());
                sent.add(both);
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
            perSecond = 2.0 * people / ((System.nanoTime() - start) / 1e9);
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
            events = app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
            atEnd = Files.size(file);
            Thread.sleep(20_000);
            later = Files.size(file);
        }
        long closed = Files.size(file);
        return String.format("| %s | %,d | %,.0f | %s | %,d | %,d | %,d |", name, events, perSecond, load,
                             atEnd / events, later / events, closed / events);
    }
}
