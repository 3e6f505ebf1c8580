package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.query.infra.ProcessingGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16: the embedded read store keeps the read models and their tokens on disk ({@code readstore.mv.db}), so a
 * restart catches up from the tokens instead of rebuilding from the first event, and after a SIGKILL the read models
 * are complete (and equal to a rebuild) once the service says it is ready again.
 * <p>
 * "No rebuild" is read from the processors' own counters ({@code eventProcessor_successCounter_total} in
 * {@code /actuator/prometheus}): the events each read model handled since its start. A rebuild handles every stored
 * event again.
 */
class ReadStoreRestartTest {

    private static final Duration READY = Duration.ofMinutes(3);
    private static final Pattern HANDLED =
            Pattern.compile("^eventProcessor_successCounter_total\\{[^}]*processorName=\"([a-z]+)\"[^}]*} ([0-9.E]+)$",
                            Pattern.MULTILINE);

    private MasarProcess app;
    private ApiClient api;
    private Path dataDir;
    private int port;
    private int runs;
    private final List<String> people = new ArrayList<>();

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void readModelsSurviveAStopWithoutRebuildAndAreCompleteAfterAKill() throws Exception {
        dataDir = Files.createTempDirectory("masar-restart-").resolve("data");
        port = MasarProcess.freePort();
        api = new ApiClient("http://127.0.0.1:" + port);

        start();
        register(20, "first");
        awaitSearchTotal(people.size());
        long stored = StoredEvents.read(api).size();
        assertThat(handledSinceStart().get(ProcessingGroups.TIMELINE)).as("a first start builds the timelines")
                .isGreaterThanOrEqualTo(people.size());
        app.stop();
        assertThat(dataDir.resolve("readstore.mv.db")).as("the read store's file").exists();
        assertThat(Files.readString(app.log())).as("what the first start told the operator")
                .contains("Embedded read store (mongo-java-server, on disk) listening on")
                .contains("readstore.mv.db is new: the read models are built from the first event");

        // a clean stop: ready means the read models are there, complete, and nothing was handled again
        start();
        assertThat(searchTotal()).as("cases found by search as soon as the service is ready").isEqualTo(people.size());
        assertThat(Files.readString(app.log())).as("what the start after a stop told the operator")
                .contains("readstore.mv.db: the read models catch up from their tokens");
        assertThat(handledSinceStart()).as("events the read models handled again after a clean stop")
                .allSatisfy((readModel, handled) -> assertThat(handled).as(readModel).isZero());
        for (String id : people) {
            assertThat(api.read("/api/beneficiaries/" + id + "/timeline").toString())
                    .as("timeline of " + id).contains("BeneficiaryRegistered");
        }

        // a SIGKILL right after the acknowledgements: the read store may have lost its last second of work, and the
        // processors redo it from their tokens, not from the first event
        register(20, "second");
        app.kill();
        api.renew();
        start();
        assertThat(searchTotal()).as("cases found by search as soon as the service is ready after a kill")
                .isEqualTo(people.size());
        long storedNow = StoredEvents.read(api).size();
        assertThat(storedNow).as("events stored").isGreaterThan(stored);
        // the tokens were at the head at the clean stop: at most what was stored since is handled again
        assertThat(handledSinceStart()).as("events handled again after the kill: no rebuild from the first event")
                .allSatisfy((readModel, handled) -> assertThat(handled).as(readModel)
                        .isLessThanOrEqualTo(storedNow - stored));

        // and nothing counted twice or missed: every read model equals a rebuild into a scratch database
        ApiClient.Reply verification = api.post("/api/audit/verifications", "{}", null, Duration.ofMinutes(5));
        assertThat(verification.status()).as("verification " + verification).isEqualTo(200);
        assertThat(ApiClient.list(verification.body().path("readModels"))).hasSize(ProcessingGroups.ALL.size())
                .allSatisfy(readModel -> assertThat(readModel.path("differing").asLong())
                        .as(readModel.path("readModel").asText() + " differs from its rebuild: "
                            + readModel.path("differences")).isZero());
    }

    private void start() {
        runs++;
        app = MasarProcess.start(dataDir, port, runs, MasarProcess.quickStart("768m"));
        app.awaitReady(api, READY);
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (api.get("/actuator/health/readiness", Duration.ofSeconds(5)).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not answering yet
            }
            sleep(100);
        }
        throw new AssertionError("not ready within " + READY + "; see " + app.log());
    }

    private void register(int count, String batch) throws IOException {
        for (int i = 0; i < count; i++) {
            ApiClient.Reply reply = api.post("/api/beneficiaries", CaseWorkers.PERSON, "restart-" + batch + "-" + i);
            assertThat(reply.status()).as("registration " + reply).isEqualTo(201);
            people.add(reply.text("beneficiaryId"));
        }
    }

    private long searchTotal() {
        return api.read("/api/beneficiaries?size=1").path("total").asLong();
    }

    private void awaitSearchTotal(long expected) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (searchTotal() < expected && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(searchTotal()).isEqualTo(expected);
    }

    /**
     * Events each read model's processor handled since the process started (one series per event type, added up; a
     * read model that handled nothing has no series yet: 0).
     */
    private Map<String, Long> handledSinceStart() throws IOException {
        String metrics = api.get("/actuator/prometheus").raw().body();
        Map<String, Long> handled = new TreeMap<>();
        ProcessingGroups.ALL.forEach(readModel -> handled.put(readModel, 0L));
        Matcher matcher = HANDLED.matcher(metrics);
        while (matcher.find()) {
            handled.computeIfPresent(matcher.group(1), (readModel, sum) -> sum + (long) Double.parseDouble(matcher.group(2)));
        }
        System.out.println("ReadStoreRestartTest run " + runs + ": events handled since start " + handled);
        return handled;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
