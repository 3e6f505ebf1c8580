package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.embedded.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read store goes away while the application runs: its server stops listening and drops every connection, as a
 * crashed MongoDB or a cut network would. The write side does not need it, so commands are still accepted and
 * stored; health says DEGRADED (HTTP 200: a probe keeps the service in), queries say 503 "try again"; when the server
 * is back (same port, its data kept) the projections resume from their tokens and the read models catch up with
 * everything recorded meanwhile.
 * <p>
 * Tests 2 to 5 were bugs found here (RELIABILITY.md, "Bugs found"), each written as a test that failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadStoreOutageTest {

    private static final Duration CATCH_UP = Duration.ofMinutes(3);

    private static InProcessMasar app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = InProcessMasar.start("outage");
        api = app.api;
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    @Order(1)
    void commandsAreAcceptedDuringAReadStoreOutageAndTheReadModelsCatchUpAfter() throws Exception {
        String centre = openCentre();
        for (int i = 0; i < 3; i++) {
            assertThat(enrol(register(null), centre, null).status()).isEqualTo(201);
        }
        Eventually.equals("occupancy before", 3, () -> occupied(centre), CATCH_UP);

        app.readStore.stop();
        long down = System.nanoTime();
        Eventually.equals("health's mongo component", "DEGRADED", () -> health().path("components").path("mongo")
                .path("status").asText(), Duration.ofSeconds(30));
        ApiClient.Reply health = api.get("/actuator/health");
        System.out.println("ReadStoreOutageTest: /actuator/health during the outage: HTTP " + health.status() + ", "
                + health.body().path("status").asText() + ", mongo " + health.body().path("components").path("mongo"));
        // degraded, not down: a probe must not take out a service whose commands still work
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("DEGRADED");
        assertThat(health.body().path("components").path("db").path("status").asText()).isEqualTo("UP");

        // commands without a key: registered, enrolled, one enrolment completed, all while the read store is away
        List<Long> millis = new ArrayList<>();
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long t = System.nanoTime();
            String person = register(null);
            ApiClient.Reply enrolled = enrol(person, centre, null);
            assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
            registered.add(person);
            millis.add((System.nanoTime() - t) / 1_000_000);
            if (i == 0) {
                ApiClient.Reply completed = api.post("/api/beneficiaries/" + person + "/enrolments/"
                        + enrolled.text("enrolmentId") + "/completion",
                        "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-30\"}", null);
                assertThat(completed.status()).as(completed.toString()).isEqualTo(204);
            }
        }
        System.out.println("ReadStoreOutageTest: 21 commands without a key during the outage, all accepted; "
                + "register+enrol took " + millis + " ms");
        assertThat(api.read("/api/audit/events?limit=500&type=SeatTaken&centreId=" + centre).path("events")).hasSize(13);
        assertThat(api.read("/api/audit/events?limit=500&type=SeatReleased&centreId=" + centre).path("events")).hasSize(1);
        assertThat(health().path("status").asText()).isEqualTo("DEGRADED");
        Eventually.sleep(3_000);   // the processors keep failing and backing off meanwhile

        app.readStore.start();
        long up = System.nanoTime();
        Duration occupancy = Eventually.equals("occupancy after the outage", 12, () -> occupied(centre), CATCH_UP);
        Eventually.equals("counts after the outage", List.of(13L, 12L, 1L), () -> {
            JsonNode total = api.readOrMissing("/api/stats/programmes?centre=" + centre).path("total");
            return List.of(total.path("enrolled").asLong(), total.path("active").asLong(), total.path("completed").asLong());
        }, CATCH_UP);
        Eventually.equals("people found at the centre", 13L,
                () -> api.readOrMissing("/api/beneficiaries?size=1&centre=" + centre).path("total").asLong(), CATCH_UP);
        for (String person : registered) {
            int entries = person.equals(registered.get(0)) ? 3 : 2;
            Eventually.equals("timeline of " + person, entries,
                    () -> api.readOrMissing("/api/beneficiaries/" + person + "/timeline").path("entries").size(), CATCH_UP);
        }
        Eventually.equals("health", "UP", () -> health().path("status").asText(), Duration.ofSeconds(30));
        assertThat(api.read("/api/audit/dead-letters")).as("events parked by the read models").isEmpty();
        System.out.println("ReadStoreOutageTest: read store down for " + (up - down) / 1_000_000 + " ms; read models "
                + "caught up " + (System.nanoTime() - up) / 1_000_000 + " ms after it returned (occupancy after "
                + occupancy.toMillis() + " ms)");
    }

    /**
     * The UI sends an {@code Idempotency-Key} with every form, and the keys' records live in the read store: during an
     * outage the command runs without its record (it used to wait 30 s and fail with a 500). Identifiers are derived
     * from the key, so that stores nothing twice (a retry is refused as already-existing instead of replayed).
     */
    @Test
    @Order(2)
    void aCommandWithAnIdempotencyKeyIsAcceptedDuringAnOutageAndStoredOnce() throws Exception {
        String centre = openCentre();
        app.readStore.stop();
        try {
            Eventually.equals("health's mongo component", "DEGRADED", () -> health().path("components").path("mongo")
                    .path("status").asText(), Duration.ofSeconds(30));
            long t = System.nanoTime();
            ApiClient.Reply registered = api.post("/api/beneficiaries", CaseWorkers.PERSON, "outage-key", Duration.ofSeconds(90));
            long millis = (System.nanoTime() - t) / 1_000_000;
            System.out.println("ReadStoreOutageTest: a command with an Idempotency-Key during the outage: " + registered
                    + " after " + millis + " ms");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            assertThat(millis).as("answered without waiting for the read store").isLessThan(5_000);
            String person = registered.text("beneficiaryId");
            ApiClient.Reply again = api.post("/api/beneficiaries", CaseWorkers.PERSON, "outage-key", Duration.ofSeconds(90));
            assertThat(again.status()).as(again.toString()).isIn(201, 409);
            assertThat(enrol(person, centre, "outage-key-enrol").status()).isEqualTo(201);
            assertThat(api.read("/api/audit/events?beneficiaryId=" + person).path("events")).hasSize(2);
        } finally {
            readStoreBack();
        }
    }

    /** A reader during an outage should hear "unavailable, try again" at once, not a bare 500 after 30 s. */
    @Test
    @Order(3)
    void aQueryDuringAnOutageIsA503ProblemWithRetryAfter() throws Exception {
        String centre = openCentre();
        app.readStore.stop();
        try {
            long t = System.nanoTime();
            ApiClient.Reply occupancy = api.get("/api/centres/" + centre + "/occupancy", Duration.ofSeconds(90));
            long millis = (System.nanoTime() - t) / 1_000_000;
            System.out.println("ReadStoreOutageTest: a query during the outage: " + occupancy + " after " + millis + " ms");
            assertThat(occupancy.status()).isEqualTo(503);
            assertThat(occupancy.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(occupancy.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(millis).isLessThan(10_000);
        } finally {
            readStoreBack();
        }
    }

    /**
     * In production the read store (MongoDB) outlives a command-side process. A process that dies between claiming an
     * {@code Idempotency-Key} and recording its answer leaves the key's record PENDING; every retry with that key then
     * waits 30 s and is told {@code ConcurrentChange} ("the first request is still running"), for a day (the record's
     * TTL), unless a record PENDING for longer than that wait is abandoned to the retry. The record is planted here as
     * such a process leaves it.
     */
    @Test
    @Order(4)
    void aKeyLeftPendingByADeadProcessDoesNotBlockItsRetry() throws Exception {
        assertThat(api.post("/api/beneficiaries", CaseWorkers.PERSON, "pending-first").status()).isEqualTo(201);
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(app.readStore.uri())) {
            var records = client.getDatabase("masar_commands").getCollection("command_idempotency");
            org.bson.Document first = records.find(com.mongodb.client.model.Filters.eq("_id", TestUsers.CLERK + ":pending-first")).first();
            assertThat(first).as("the first key's record").isNotNull();
            records.insertOne(new org.bson.Document("_id", TestUsers.CLERK + ":pending-retry")
                    .append("fingerprint", first.getString("fingerprint")).append("state", "PENDING")
                    .append("createdAt", java.util.Date.from(java.time.Instant.now().minus(Duration.ofMinutes(5)))));
        }
        long t = System.nanoTime();
        ApiClient.Reply retry = api.post("/api/beneficiaries", CaseWorkers.PERSON, "pending-retry", Duration.ofSeconds(90));
        long millis = (System.nanoTime() - t) / 1_000_000;
        System.out.println("ReadStoreOutageTest: a retry whose key a dead process left PENDING: " + retry + " after "
                + millis + " ms");
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(millis).isLessThan(10_000);
    }

    /**
     * A read store that comes back without its data (MongoDB restored empty, a wiped volume; the embedded server can
     * only lose its data with the JVM) must be rebuilt from the events, as {@code ReadStoreConfiguration} promises.
     * Without {@code ReadStoreLossRecovery} it was not while the application ran: the processors lost their token
     * claims, found no segment to claim, and stopped, silently, with health UP; only a restart rebuilt.
     */
    @Test
    @Order(5)
    void readModelsLostWithTheirStoreAreRebuiltFromTheEvents() throws Exception {
        String centre = openCentre();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            before.add(register(null));
            assertThat(enrol(before.get(i), centre, null).status()).isEqualTo(201);
        }
        Eventually.equals("occupancy before", 4, () -> occupied(centre), CATCH_UP);
        app.readStore.startEmpty();
        for (int i = 0; i < 2; i++) {
            assertThat(enrol(register(null), centre, null).status()).isEqualTo(201);
        }
        try {
            Eventually.equals("enrolments counted at the centre", 6L, () -> api.readOrMissing(
                    "/api/stats/programmes?centre=" + centre).path("total").path("enrolled").asLong(), Duration.ofSeconds(60));
            Eventually.equals("people found at the centre", 6L,
                    () -> api.readOrMissing("/api/beneficiaries?size=1&centre=" + centre).path("total").asLong(),
                    Duration.ofSeconds(30));
            Eventually.equals("timeline of a case recorded before the loss", 2,
                    () -> api.readOrMissing("/api/beneficiaries/" + before.get(0) + "/timeline").path("entries").size(),
                    Duration.ofSeconds(30));
        } finally {
            System.out.println("ReadStoreOutageTest: after the read store came back empty: counts "
                    + api.readOrMissing("/api/stats/programmes?centre=" + centre).path("total") + ", occupancy "
                    + api.readOrMissing("/api/centres/" + centre + "/occupancy") + ", tokens " + tokens()
                    + ", health " + health().path("status").asText());
        }
    }

    /**
     * DEGRADED is for the read store only: a component that is DOWN, as the event store's {@code db} is when H2 cannot
     * be reached, still makes the whole service DOWN and 503 while the read store is away. A DOWN contributor is
     * registered for a moment, since the test cannot take the event store's file away from under the application.
     */
    @Test
    @Order(6)
    void aDownEventStoreOutranksADegradedReadStore() throws Exception {
        var registry = app.context.getBean(org.springframework.boot.actuate.health.HealthContributorRegistry.class);
        app.readStore.stop();
        registry.registerContributor("eventStoreStandIn",
                (org.springframework.boot.actuate.health.HealthIndicator) () ->
                        org.springframework.boot.actuate.health.Health.down().build());
        try {
            Eventually.equals("health's mongo component", "DEGRADED", () -> health().path("components").path("mongo")
                    .path("status").asText(), Duration.ofSeconds(30));
            ApiClient.Reply health = api.get("/actuator/health");
            assertThat(health.status()).as(health.toString()).isEqualTo(503);
            assertThat(health.text("status")).isEqualTo("DOWN");
        } finally {
            registry.unregisterContributor("eventStoreStandIn");
            readStoreBack();
        }
    }

    /** The server listens again and the application has seen it (until then, keyed commands run without records). */
    private static void readStoreBack() {
        app.readStore.start();
        Eventually.equals("health once the read store is back", "UP", () -> health().path("status").asText(),
                Duration.ofSeconds(30));
    }

    private static String tokens() {
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(app.readStore.uri())) {
            List<String> tokens = new ArrayList<>();
            client.getDatabase("masar").getCollection("trackingtokens").find()
                    .forEach(t -> tokens.add(t.getString("processorName") + "/" + t.get("segment") + " owner "
                            + t.getString("owner")));
            return tokens.toString();
        }
    }

    // ---- helpers

    private static JsonNode health() {
        try {
            return api.get("/actuator/health").body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int occupied(String centre) {
        return api.readOrMissing("/api/centres/" + centre + "/occupancy").path("occupied").asInt(-1);
    }

    private static String openCentre() throws IOException {
        ApiClient.Reply reply = api.post("/api/centres", """
                {"type":"CITIZEN_HOUSE","nameAr":"دار المواطن","nameFr":"Maison citoyenne","region":"SOUSS_MASSA",
                 "province":"Agadir","capacity":500,"operatorKind":"AGENCY","openedOn":"2005-09-01"}""", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("centreId");
    }

    private static String register(String key) throws IOException {
        ApiClient.Reply reply = api.post("/api/beneficiaries", CaseWorkers.PERSON, key);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("beneficiaryId");
    }

    private static ApiClient.Reply enrol(String person, String centre, String key) throws IOException {
        return api.post("/api/beneficiaries/" + person + "/enrolments", """
                {"centreId":"%s","programme":"CITIZEN_HOUSE","enrolledOn":"2010-02-01"}""".formatted(centre), key);
    }
}
