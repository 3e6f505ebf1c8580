package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.embedded.reliability.CaseWorkers.Centre;
import ma.masar.embedded.reliability.StoredEvents.CentreFacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL the embedded application, as a power cut or the OOM killer would, while social workers record cases and
 * while it rebuilds its read models after a restart; after each restart that is allowed to finish its rebuild:
 * <ul>
 *   <li>every acknowledged command's events are in the event store, exactly once, and nothing else is (a command
 *   whose answer was lost is retried with its key until it gets one, as a careful client does);</li>
 *   <li>an enrolment and its seat are stored together or not at all (two aggregates, one transaction);</li>
 *   <li>every read model (occupancy, programme counts, search, timelines) equals the test's own rebuild from the
 *   stored events: nothing counted twice, nothing missed;</li>
 *   <li>the auditors' verification ({@code POST /api/audit/verifications}) finds the hash chain whole and every read
 *   model equal, document by document, to a rebuild from the first event into a scratch database.</li>
 * </ul>
 * Kills alternate: during ingest (a random moment of the workers' load) and during a rebuild (a random moment after
 * the restarted application's four processors claimed their segments, while the retried commands come in). The
 * restarts killed mid-rebuild are checked at the following restart, with everything before them.
 * <p>
 * The default suite kills 5 times. The full run kills 24 times: {@code -Dmasar.reliability.full=true} (or
 * {@code -Dmasar.reliability.kills=N}); {@code -Dmasar.reliability.seed=N} replays a run's random choices.
 * Results are printed and written to {@code target/reliability/crash-recovery.txt}. See RELIABILITY.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryTest {

    private static final boolean FULL = Boolean.getBoolean("masar.reliability.full");
    private static final int KILLS = Integer.getInteger("masar.reliability.kills", FULL ? 24 : 5);
    private static final int WORKERS = Integer.getInteger("masar.reliability.workers", 3);
    private static final double DEMO_SCALE = Double.parseDouble(
            System.getProperty("masar.reliability.demo-scale", FULL ? "0.01" : "0"));
    private static final Duration READY = Duration.ofMinutes(3);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    enum Moment { INGEST, REBUILD }

    record Kill(int number, Moment moment, long millisAfter, boolean httpUp, String readModelAtKill,
                long eventsBefore, Duration restartedIn) {
    }

    private final long seed = Long.getLong("masar.reliability.seed", System.currentTimeMillis());
    private final Random random = new Random(seed);
    private final List<Kill> kills = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final Instant began = Instant.now();
    private Path root;
    private Path dataDir;
    private int port;
    private int runs;
    private MasarProcess app;
    private ApiClient api;
    private List<Centre> centres;
    private CaseWorkers workers;
    private long lastVerifiedEvents;
    private long casesAtLastCheck;
    private long verifyMillis;
    private long verifiedDocuments;
    private Duration lastRebuild = Duration.ofSeconds(1);
    private String demoLoad = "none";

    // the idempotency probe of the first test, checked again after the restarts
    private final String probeKey = "probe-" + seed;
    private String probeBeneficiary;
    private String probeEnrolment;
    private final Map<String, String> extraBeneficiaries = new HashMap<>();
    private final Map<String, CaseWorkers.Enrolment> extraEnrolments = new HashMap<>();
    private final Map<String, String> extraEndings = new HashMap<>();
    private final List<String> retryAnswers = new ArrayList<>();
    private final Map<String, Set<String>> baseline = new HashMap<>();
    private final Set<String> tallied = new HashSet<>();

    @BeforeAll
    void startAndOpenCentres() throws Exception {
        root = Files.createTempDirectory("masar-crash-");
        dataDir = root.resolve("data");
        port = MasarProcess.freePort();
        api = new ApiClient("http://127.0.0.1:" + port);
        if (DEMO_SCALE > 0) {
            // a store worth rebuilding: the demo population, recorded before the clients begin (while it loads,
            // commits are not durable: RELIABILITY.md, bug 5)
            runs++;
            app = MasarProcess.start(dataDir, port, runs, MasarProcess.quickStart("768m"),
                    "--masar.demo.enabled=true", "--masar.demo.scale=" + DEMO_SCALE);
            app.awaitReady(api, READY);
            demoLoad = awaitDemoData();
            takeBaseline();
        } else {
            start();
            app.awaitReady(api, READY);
        }
        measureRebuild();
        // two small centres fill up (CentreIsFull is part of the load), one never does
        centres = List.of(
                openCentre("EDUCATION_TRAINING_CENTRE", "EDUCATION_TRAINING", 40, "c1"),
                openCentre("CITIZEN_HOUSE", "CITIZEN_HOUSE", 60, "c2"),
                openCentre("DISABILITY_CENTRE", "DISABILITY_SUPPORT", 100_000, "c3"));
        centres.forEach(c -> tallied.add(c.centreId()));
        workers = new CaseWorkers(api, centres, "crash-" + seed, WORKERS, seed);
    }

    @AfterAll
    void stopAndReport() throws Exception {
        if (workers != null) {
            workers.stop();
        }
        if (app != null) {
            app.stop();
        }
        String report = report();
        System.out.println(report);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("crash-recovery.txt"), report);
    }

    @Test
    @Order(1)
    void aCommandSentTenTimesWithOneKeyIsStoredOnce() throws Exception {
        Centre centre = openCentre("EDUCATION_TRAINING_CENTRE", "EDUCATION_TRAINING", 10, "probe-centre");
        tallied.add(centre.centreId());
        List<ApiClient.Reply> registrations = tenTimes("/api/beneficiaries", CaseWorkers.PERSON, probeKey + "-r");
        assertThat(registrations).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        probeBeneficiary = registrations.get(0).text("beneficiaryId");
        assertThat(registrations).extracting(r -> r.text("beneficiaryId")).containsOnly(probeBeneficiary);
        assertThat(registrations.stream().filter(r -> r.raw().headers().firstValue("Idempotent-Replayed").isPresent()))
                .as("all but the first are replays").hasSize(9);

        String enrolment = """
                {"centreId":"%s","programme":"EDUCATION_TRAINING","enrolledOn":"2010-02-01"}""".formatted(centre.centreId());
        List<ApiClient.Reply> enrolments = tenTimes("/api/beneficiaries/" + probeBeneficiary + "/enrolments",
                enrolment, probeKey + "-e");
        assertThat(enrolments).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        probeEnrolment = enrolments.get(0).text("enrolmentId");
        assertThat(enrolments).extracting(r -> r.text("enrolmentId")).containsOnly(probeEnrolment);

        List<ApiClient.Reply> completions = tenTimes("/api/beneficiaries/" + probeBeneficiary + "/enrolments/"
                + probeEnrolment + "/completion", "{\"outcome\":\"JOB\",\"completedOn\":\"2010-06-30\"}", probeKey + "-c");
        assertThat(completions).allSatisfy(r -> assertThat(r.status()).isEqualTo(204));

        extraBeneficiaries.put(probeBeneficiary, probeKey);
        extraEnrolments.put(probeEnrolment, new CaseWorkers.Enrolment(probeBeneficiary, centre.centreId()));
        extraEndings.put(probeEnrolment, "EnrolmentCompleted");
        assertProbeStoredOnce();
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.MINUTES)
    void acknowledgedCommandsSurviveKillsExactlyOnceAndReadModelsMatchARebuild() throws Exception {
        verify("before the first kill");
        workers.start();
        workers.gate().open();
        sleep(FULL ? 10_000 : 3_000);
        for (int number = 1; number <= KILLS; number++) {
            Moment moment = number % 2 == 1 ? Moment.INGEST : Moment.REBUILD;
            long eventsBefore = lastVerifiedEvents;
            long after;
            if (moment == Moment.INGEST) {
                workers.gate().open();
                after = 300 + random.nextInt(2_700);
                sleep(after);
            } else {
                // the application was just restarted: kill it while its processors rebuild the read models, at a
                // random moment of the last measured rebuild; every other time only once it answers HTTP, so that
                // the probe below can see the rebuild unfinished
                workers.gate().open();   // retried and new commands arrive during the rebuild, as they would
                assertThat(app.awaitRebuildStarted(READY)).as("the processors started").isTrue();
                if (number % 4 == 0) {
                    awaitHttp();
                }
                long sinceStart = (System.nanoTime() - app.rebuildStartedNanos()) / 1_000_000;
                long window = Math.max(300, lastRebuild.toMillis() - sinceStart);
                after = sinceStart + random.nextInt((int) window);
                long target = app.rebuildStartedNanos() + after * 1_000_000L;
                sleep(Math.max(0, (target - System.nanoTime()) / 1_000_000));
            }
            String readModel = probeReadModel();
            boolean httpUp = !readModel.equals("no answer");
            app.kill();
            workers.gate().close();
            api.renew();
            start();
            Duration restartedIn = null;
            boolean nextKillsThisStart = number < KILLS && (number + 1) % 2 == 0;
            if (!nextKillsThisStart) {
                restartedIn = app.awaitReady(api, READY);
                measureRebuild();
                workers.gate().closeAndAwaitAll(Duration.ofMinutes(3),
                        () -> app.recordThreads("workers slow to finish after kill " + kills.size()));
                verify("after kill " + number + " (" + moment + ")");
            }
            kills.add(new Kill(number, moment, after, httpUp, readModel, eventsBefore, restartedIn));
        }
        assertThat(kills).hasSize(KILLS);
        assertThat(workers.unexpected()).as("answers no client should get").isEmpty();
        assertThat(workers.acknowledgedBeneficiaries()).as("work was done").isNotEmpty();
    }

    @Test
    @Order(3)
    void aRetryAfterTheRestartsStoresNothingTwice() throws Exception {
        assertThat(probeBeneficiary).as("the first test ran").isNotNull();
        ApiClient.Reply registration = api.post("/api/beneficiaries", CaseWorkers.PERSON, probeKey + "-r");
        ApiClient.Reply enrolment = api.post("/api/beneficiaries/" + probeBeneficiary + "/enrolments", """
                {"centreId":"%s","programme":"EDUCATION_TRAINING","enrolledOn":"2010-02-01"}"""
                .formatted(extraEnrolments.get(probeEnrolment).centreId()), probeKey + "-e");
        ApiClient.Reply completion = api.post("/api/beneficiaries/" + probeBeneficiary + "/enrolments/" + probeEnrolment
                + "/completion", "{\"outcome\":\"JOB\",\"completedOn\":\"2010-06-30\"}", probeKey + "-c");
        retryAnswers.addAll(List.of("registration: " + registration, "enrolment: " + enrolment,
                "completion: " + completion));

        // no second case: either the first answer again, or a refusal that names what already exists
        if (registration.ok()) {
            assertThat(registration.text("beneficiaryId")).isEqualTo(probeBeneficiary);
        } else {
            assertThat(registration.status()).isEqualTo(409);
            assertThat(registration.rule()).isEqualTo("BeneficiaryAlreadyRegistered");
            assertThat(registration.body().path("arguments").path("beneficiaryId").asText()).isEqualTo(probeBeneficiary);
        }
        if (enrolment.ok()) {
            assertThat(enrolment.text("enrolmentId")).isEqualTo(probeEnrolment);
        } else {
            assertThat(enrolment.status()).isEqualTo(409);
            assertThat(enrolment.rule()).isEqualTo("EnrolmentAlreadyExists");
        }
        if (!completion.ok()) {
            assertThat(completion.status()).isEqualTo(409);
            assertThat(completion.rule()).isEqualTo("EnrolmentNotActive");
        }
        assertProbeStoredOnce();
    }

    // ---- the checks

    /** The store holds exactly what the clients were told, and the read models say what the store says. */
    private void verify(String when) {
        long started = System.nanoTime();
        long knownBefore = casesAtLastCheck;
        StoredEvents stored = readStore();
        Map<String, String> beneficiaries = new HashMap<>(workers.acknowledgedBeneficiaries());
        beneficiaries.putAll(extraBeneficiaries);
        Map<String, CaseWorkers.Enrolment> enrolments = new HashMap<>(workers.acknowledgedEnrolments());
        enrolments.putAll(extraEnrolments);
        Map<String, String> endings = new HashMap<>(workers.acknowledgedEndings());
        endings.putAll(extraEndings);

        // nothing stored twice
        for (String[] unique : UNIQUE) {
            assertThat(stored.duplicates(unique[0], unique[1])).as(when + ": " + unique[0] + " stored twice").isEmpty();
        }
        Set<String> completed = stored.values("EnrolmentCompleted", "placement.enrolmentId");
        Set<String> withdrawn = stored.values("EnrolmentWithdrawn", "placement.enrolmentId");
        assertThat(intersection(completed, withdrawn)).as(when + ": ended twice").isEmpty();

        // every acknowledged command is stored, and nothing nobody was told about (besides the demo data, if any)
        assertThat(stored.values("BeneficiaryRegistered", "beneficiaryId")).as(when + ": registrations")
                .containsExactlyInAnyOrderElementsOf(withBaseline("BeneficiaryRegistered", beneficiaries.keySet()));
        assertThat(stored.values("EnrolledInProgramme", "placement.enrolmentId")).as(when + ": enrolments")
                .containsExactlyInAnyOrderElementsOf(withBaseline("EnrolledInProgramme", enrolments.keySet()));
        Map<String, String> storedEndings = new HashMap<>();
        completed.forEach(id -> storedEndings.put(id, "EnrolmentCompleted"));
        withdrawn.forEach(id -> storedEndings.put(id, "EnrolmentWithdrawn"));
        baseline.getOrDefault("EnrolmentCompleted", Set.of()).forEach(storedEndings::remove);
        baseline.getOrDefault("EnrolmentWithdrawn", Set.of()).forEach(storedEndings::remove);
        assertThat(storedEndings).as(when + ": completions and withdrawals").isEqualTo(endings);
        assertThat(stored.values("CentreOpened", "centreId")).as(when).containsAll(tallied);

        // an enrolment and its seat, an ending and the seat's release: stored together or not at all
        assertThat(stored.values("SeatTaken", "enrolmentId")).as(when + ": seats taken")
                .containsExactlyInAnyOrderElementsOf(withBaseline("SeatTaken", enrolments.keySet()));
        assertThat(stored.values("SeatReleased", "enrolmentId")).as(when + ": seats released")
                .containsExactlyInAnyOrderElementsOf(withBaseline("SeatReleased", endings.keySet()));

        // the read models: wait for them to catch up with the store, then they must equal this test's own rebuild
        Map<String, CentreFacts> expected = stored.centres();
        Set<String> people = stored.values("BeneficiaryRegistered", "beneficiaryId");
        List<String> sample = sample(people, 8);
        List<String> differences = awaitReadModels(expected, people.size(), sample, stored);
        assertThat(differences).as(when + ": read models that differ from a rebuild of the store").isEmpty();

        // the auditors' verification: the hash chain covers every stored event and nothing is broken, and each read
        // model rebuilt from the first event into a scratch database equals the live one, document by document
        // reading the sample timelines recorded their openings (CaseOpened): the store holds those, nothing else new
        StoredEvents atVerification = readStore();
        assertThat(atVerification.size() - atVerification.ofType("CaseOpened").size()).as(when + ": events since")
                .isEqualTo(stored.size() - stored.ofType("CaseOpened").size());
        long verifying = System.nanoTime();
        JsonNode verification = post("/api/audit/verifications", "{}");
        verifyMillis = (System.nanoTime() - verifying) / 1_000_000;
        JsonNode chain = verification.path("eventStore");
        assertThat(chain.path("supported").asBoolean()).as(when).isTrue();
        assertThat(chain.path("checked").asLong()).as(when + ": events in the chain").isEqualTo(atVerification.size());
        assertThat(chain.path("broken")).as(when + ": broken links").isEmpty();
        assertThat(ApiClient.list(verification.path("readModels"))).as(when + ": read models verified").hasSize(ProcessingGroups.ALL.size())
                .allSatisfy(readModel -> assertThat(readModel.path("differing").asLong())
                        .as(when + ": " + readModel.path("readModel").asText() + " differs from its rebuild: "
                                + readModel.path("differences")).isZero());
        verifiedDocuments = 0;
        verification.path("readModels").forEach(r -> verifiedDocuments += r.path("compared").asLong());

        assertThat(api.read("/api/audit/dead-letters")).as(when + ": events parked by the read models").isEmpty();

        sleep(1_000);   // nothing may change once caught up: no late double count
        assertThat(readModelDifferences(expected, people.size(), sample, stored))
                .as(when + ": read models a second later").isEmpty();

        lastVerifiedEvents = stored.size();
        casesAtLastCheck = people.size();
        checks.add(String.format("%-28s %6d events, %5d cases, %5d enrolments, %5d ended; read models equal, "
                        + "%d documents equal their rebuild (%d ms)%s (checked in %d ms)", when, stored.size(),
                people.size(), enrolments.size(), endings.size(), verifiedDocuments, verifyMillis,
                kills.isEmpty() && runs == 1 ? "" : "; the " + knownBefore + " cases known before found by search "
                        + lastRebuild.toMillis() + " ms after the processors started",
                Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }

    /** The audit export of the whole store, within 3 minutes (else the threads are recorded and the test fails). */
    private StoredEvents readStore() {
        java.util.concurrent.CompletableFuture<StoredEvents> export =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> StoredEvents.read(api));
        try {
            return export.get(3, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            app.recordThreads("the audit export took more than 3 minutes");
            throw new AssertionError("the audit export took more than 3 minutes; see " + root);
        } catch (Exception e) {
            throw new AssertionError("the audit export failed", e);
        }
    }

    /** Identifiers that may be stored once only, by event type and field. */
    private static final String[][] UNIQUE = {{"BeneficiaryRegistered", "beneficiaryId"},
            {"EnrolledInProgramme", "placement.enrolmentId"}, {"SeatTaken", "enrolmentId"},
            {"SeatReleased", "enrolmentId"}, {"CentreOpened", "centreId"},
            {"EnrolmentCompleted", "placement.enrolmentId"}, {"EnrolmentWithdrawn", "placement.enrolmentId"}};

    /** What the demo data stored before the test's clients began: the identifiers above, by event type. */
    private void takeBaseline() {
        StoredEvents stored = readStore();
        for (String[] unique : UNIQUE) {
            baseline.put(unique[0], stored.values(unique[0], unique[1]));
        }
    }

    private Set<String> withBaseline(String type, Set<String> acknowledged) {
        Set<String> all = new HashSet<>(baseline.getOrDefault(type, Set.of()));
        all.addAll(acknowledged);
        return all;
    }

    private List<String> awaitReadModels(Map<String, CentreFacts> expected, int people, List<String> sample,
                                         StoredEvents stored) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        List<String> differences = readModelDifferences(expected, people, sample, stored);
        while (!differences.isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
            differences = readModelDifferences(expected, people, sample, stored);
        }
        return differences;
    }

    private List<String> readModelDifferences(Map<String, CentreFacts> expected, int people, List<String> sample,
                                              StoredEvents stored) {
        List<String> differences = new ArrayList<>();
        expected.forEach((centreId, facts) -> {
            JsonNode occupancy = api.readOrMissing("/api/centres/" + centreId + "/occupancy");
            compare(differences, centreId + " occupied", facts.occupied(), occupancy.path("occupied").asLong(-1));
            compare(differences, centreId + " capacity", facts.capacity(), occupancy.path("capacity").asLong(-1));
            if (!tallied.contains(centreId)) {
                return;   // a demo centre: moves to apprenticeship and discharges are beyond this test's own rebuild
            }
            JsonNode total = api.readOrMissing("/api/stats/programmes?centre=" + centreId).path("total");
            compare(differences, centreId + " enrolled", facts.enrolled(), total.path("enrolled").asLong(-1));
            compare(differences, centreId + " active", facts.active(), total.path("active").asLong(-1));
            compare(differences, centreId + " completed", facts.completed(), total.path("completed").asLong(-1));
            compare(differences, centreId + " withdrawn", facts.withdrawn(), total.path("withdrawn").asLong(-1));
            compare(differences, centreId + " people", facts.people(),
                    api.readOrMissing("/api/beneficiaries?size=1&centre=" + centreId).path("total").asLong(-1));
            compare(differences, centreId + " active people", facts.activePeople(),
                    api.readOrMissing("/api/beneficiaries?size=1&status=ACTIVE&centre=" + centreId).path("total").asLong(-1));
        });
        compare(differences, "people found by search", people,
                api.readOrMissing("/api/beneficiaries?size=1").path("total").asLong(-1));
        for (String beneficiaryId : sample) {
            List<String> storedIds = stored.streamOf(beneficiaryId);
            List<String> timeline = new ArrayList<>();
            try {
                ApiClient.Reply reply = api.get("/api/beneficiaries/" + beneficiaryId + "/timeline");
                if (reply.status() == 200) {
                    reply.body().path("entries").forEach(e -> timeline.add(e.path("eventId").asText()));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (timeline.size() != storedIds.size() || !new HashSet<>(timeline).equals(new HashSet<>(storedIds))) {
                differences.add("timeline of " + beneficiaryId + ": " + timeline + " but stored " + storedIds);
            }
        }
        return differences;
    }

    private static void compare(List<String> differences, String what, long expected, long actual) {
        if (expected != actual) {
            differences.add(what + ": read model " + actual + ", rebuild " + expected);
        }
    }

    private void assertProbeStoredOnce() {
        List<String> types = new ArrayList<>();
        api.read("/api/audit/events?beneficiaryId=" + probeBeneficiary).path("events")
                .forEach(e -> types.add(e.path("type").asText()));
        assertThat(types).containsExactly("BeneficiaryRegistered", "EnrolledInProgramme", "EnrolmentCompleted");
        StoredEvents stored = readStore();
        assertThat(stored.countBy("SeatTaken", "enrolmentId").get(probeEnrolment)).isEqualTo(1);
        assertThat(stored.countBy("SeatReleased", "enrolmentId").get(probeEnrolment)).isEqualTo(1);
    }

    /** Five one after the other, then five at once. */
    private List<ApiClient.Reply> tenTimes(String path, String body, String key) throws Exception {
        List<ApiClient.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            replies.add(api.post(path, body, key));
        }
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Callable<ApiClient.Reply>> atOnce = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                atOnce.add(() -> api.post(path, body, key));
            }
            for (Future<ApiClient.Reply> reply : pool.invokeAll(atOnce)) {
                replies.add(reply.get());
            }
        } finally {
            pool.shutdownNow();
        }
        return replies;
    }

    // ---- the process

    private void start() {
        runs++;
        app = MasarProcess.start(dataDir, port, runs, MasarProcess.quickStart("512m"));
    }

    /**
     * What the search read model says just before a kill. Fewer cases than the last check found means the rebuild of
     * the events stored before that check was still running: the kill cut a rebuild short.
     */
    private String probeReadModel() {
        try {
            ApiClient.Reply search = api.get("/api/beneficiaries?size=1", Duration.ofMillis(500));
            if (search.status() != 200) {
                return "answered " + search.status();
            }
            long found = search.body().path("total").asLong();
            return found < casesAtLastCheck ? "rebuilding (" + found + " of " + casesAtLastCheck + " cases)"
                    : "rebuilt (" + found + " cases)";
        } catch (IOException e) {
            return "no answer";
        }
    }

    private void awaitHttp() {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline && probeReadModel().equals("no answer")) {
            sleep(50);
        }
    }

    /** How long the rebuild of what was stored at the last check takes: the window for the next rebuild kill. */
    private void measureRebuild() {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ApiClient.Reply search = api.get("/api/beneficiaries?size=1", Duration.ofSeconds(5));
                if (search.status() == 200 && search.body().path("total").asLong() >= casesAtLastCheck) {
                    lastRebuild = Duration.ofNanos(System.nanoTime() - app.rebuildStartedNanos());
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            sleep(50);
        }
    }

    private String awaitDemoData() {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode progress = api.readOrMissing("/api/demo/progress");
            String state = progress.path("state").asText();
            if (state.equals("DONE")) {
                return progress.toString();
            }
            assertThat(state).as("demo data: " + progress).isIn("NOT_STARTED", "RUNNING", "");
            sleep(1_000);
        }
        throw new AssertionError("the demo data took more than 30 minutes");
    }

    private Centre openCentre(String type, String programme, int capacity, String key) throws IOException {
        ApiClient.Reply reply = api.post("/api/centres", """
                {"type":"%s","nameAr":"مركز الاختبار","nameFr":"Centre d'essai","region":"FES_MEKNES","province":"Sefrou",
                 "capacity":%d,"operatorKind":"AGENCY","authorisationReference":"AUT-1","openedOn":"2005-09-01"}"""
                .formatted(type, capacity), "crash-" + seed + "-" + key);
        assertThat(reply.status()).as("open centre: " + reply).isEqualTo(201);
        return new Centre(reply.text("centreId"), programme);
    }

    private JsonNode post(String path, String body) {
        try {
            ApiClient.Reply reply = api.post(path, body, null, Duration.ofMinutes(10));
            assertThat(reply.status()).as("POST " + path + ": " + reply).isEqualTo(200);
            return reply.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String report() {
        StringBuilder out = new StringBuilder();
        out.append("CrashRecoveryTest: ").append(began).append(" to ").append(Instant.now())
                .append(", seed ").append(seed).append(", ").append(WORKERS).append(" workers, ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores\n");
        if (workers != null) {
            out.append(String.format("requests sent %d, acknowledged %d (of which %d only on a retry after a kill), "
                            + "answers lost to kills %d, ConcurrentChange retried %d, refused %s, unexpected %d%n",
                    workers.requests.get(), workers.acknowledged(), workers.ackedOnRetry.get(),
                    workers.lostAnswers.get(), workers.concurrentChanges.get(), workers.refusals(),
                    workers.unexpected().size()));
            workers.unexpected().stream().limit(20).forEach(u -> out.append("  unexpected: ").append(u).append('\n'));
        }
        out.append("demo data recorded before the kills: ").append(demoLoad).append('\n');
        out.append("kills: ").append(kills.size()).append(" (")
                .append(kills.stream().filter(k -> k.moment() == Moment.INGEST).count()).append(" during ingest, ")
                .append(kills.stream().filter(k -> k.moment() == Moment.REBUILD).count()).append(" during a rebuild)\n");
        for (Kill kill : kills) {
            out.append(String.format("  kill %2d %-7s %5d ms after %-16s http %-4s read model %-40s store had >= %d events; %s%n",
                    kill.number(), kill.moment(), kill.millisAfter(),
                    kill.moment() == Moment.INGEST ? "the load resumed" : "the rebuild began",
                    kill.httpUp() ? "up" : "down", kill.readModelAtKill(), kill.eventsBefore(),
                    kill.restartedIn() == null ? "killed again during its rebuild"
                            : "back up in " + kill.restartedIn().toMillis() + " ms"));
        }
        out.append("checks:\n");
        checks.forEach(c -> out.append("  ").append(c).append('\n'));
        if (!retryAnswers.isEmpty()) {
            out.append("the probe's commands sent again after the restarts:\n");
            retryAnswers.forEach(a -> out.append("  ").append(a).append('\n'));
        }
        out.append("logs: ").append(root).append('\n');
        return out.toString();
    }

    private List<String> sample(Set<String> ids, int n) {
        List<String> all = new ArrayList<>(ids);
        java.util.Collections.shuffle(all, random);
        return all.subList(0, Math.min(n, all.size()));
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
