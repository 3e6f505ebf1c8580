package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many people, one centre, the last seats, all at the same moment; and two social workers ending the same enrolment
 * at the same moment. Capacity lives in the {@code Centre} aggregate and an enrolment changes the case and the
 * centre in one unit of work: whatever the interleaving, exactly the free seats are taken, every other client is
 * told why in a 409 naming the rule (or told to retry, and does), nobody sees a 5xx, and the store, the occupancy
 * and the counts agree afterwards.
 */
class LastSeatsTest {

    private static final int CLIENTS = 100;
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private static InProcessMasar app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = InProcessMasar.start("last-seats");
        api = app.api;
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aHundredClientsForTheLastFiveSeatsTakeExactlyFive() throws Exception {
        int capacity = 25;
        int taken = 20;
        int free = capacity - taken;
        String centre = openCentre("EDUCATION_TRAINING_CENTRE", capacity);
        for (int i = 0; i < taken; i++) {
            assertThat(enrol(register(), centre, "EDUCATION_TRAINING", null).status()).isEqualTo(201);
        }
        List<String> people = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            people.add(register());
        }

        AtomicInteger concurrentChanges = new AtomicInteger();
        List<ApiClient.Reply> answers = atOnce(people.stream().<Callable<ApiClient.Reply>>map(person -> () -> {
            // a client told to retry retries, with the same key
            String key = "seat-" + person;
            ApiClient.Reply reply = enrol(person, centre, "EDUCATION_TRAINING", key);
            for (int retry = 0; retry < 10 && "ConcurrentChange".equals(reply.rule()); retry++) {
                concurrentChanges.incrementAndGet();
                reply = enrol(person, centre, "EDUCATION_TRAINING", key);
            }
            return reply;
        }).toList());

        Map<String, Integer> outcomes = new TreeMap<>();
        answers.forEach(a -> outcomes.merge(a.status() + (a.rule() == null ? "" : " " + a.rule()), 1, Integer::sum));
        System.out.println("LastSeatsTest: " + CLIENTS + " clients for " + free + " seats: " + outcomes
                + ", ConcurrentChange retried " + concurrentChanges.get());
        assertThat(answers).noneSatisfy(a -> assertThat(a.status()).isGreaterThanOrEqualTo(500));
        assertThat(answers.stream().filter(a -> a.status() == 201)).hasSize(free);
        assertThat(answers.stream().filter(a -> a.status() != 201)).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(409);
            assertThat(a.rule()).isEqualTo("CentreIsFull");
            assertThat(a.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
        });

        // the store: exactly capacity seats, and a refused enrolment left nothing in the case
        assertThat(events("centreId=" + centre + "&type=SeatTaken")).hasSize(capacity);
        for (int i = 0; i < CLIENTS; i++) {
            List<String> types = events("beneficiaryId=" + people.get(i)).stream().map(e -> e.path("type").asText()).toList();
            if (answers.get(i).status() == 201) {
                assertThat(types).containsExactly("BeneficiaryRegistered", "EnrolledInProgramme");
            } else {
                assertThat(types).as("a refused enrolment stores nothing in the case").containsExactly("BeneficiaryRegistered");
            }
        }

        // the read models: full, and counted once
        Eventually.equals("occupancy", capacity + " of " + capacity + ", 0 free", () -> {
            JsonNode occupancy = api.readOrMissing("/api/centres/" + centre + "/occupancy");
            return occupancy.path("occupied").asInt() + " of " + occupancy.path("capacity").asInt() + ", "
                    + occupancy.path("free").asInt() + " free";
        }, CATCH_UP);
        Eventually.equals("active enrolments counted", (long) capacity,
                () -> api.readOrMissing("/api/stats/programmes?centre=" + centre).path("total").path("active").asLong(), CATCH_UP);

        // the refused are not marked as enrolled anywhere (the cached case forgot the refused attempt too)
        String other = openCentre("EDUCATION_TRAINING_CENTRE", 10);
        String refused = people.get(answers.indexOf(answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow()));
        assertThat(enrol(refused, other, "EDUCATION_TRAINING", null).status()).isEqualTo(201);
    }

    @Test
    void twoEndingsOfOneEnrolmentAtOnceOneWinsAndTheOtherIsToldWhy() throws Exception {
        int pairs = 20;
        String centre = openCentre("CITIZEN_HOUSE", 100);
        List<String[]> enrolments = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String person = register();
            ApiClient.Reply enrolled = enrol(person, centre, "CITIZEN_HOUSE", null);
            assertThat(enrolled.status()).isEqualTo(201);
            enrolments.add(new String[]{person, enrolled.text("enrolmentId")});
        }
        List<Callable<ApiClient.Reply>> racers = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            String path = "/api/beneficiaries/" + enrolments.get(i)[0] + "/enrolments/" + enrolments.get(i)[1];
            boolean twoCompletions = i % 2 == 0;
            racers.add(() -> post(path + "/completion", "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-30\"}"));
            racers.add(twoCompletions
                    ? () -> post(path + "/completion", "{\"outcome\":\"JOB\",\"completedOn\":\"2010-06-30\"}")
                    : () -> post(path + "/withdrawal", "{\"reason\":\"FAMILY\",\"withdrawnOn\":\"2010-05-01\"}"));
        }
        List<ApiClient.Reply> answers = atOnce(racers);

        int completedWins = 0;
        int withdrawnWins = 0;
        for (int i = 0; i < pairs; i++) {
            ApiClient.Reply first = answers.get(2 * i);
            ApiClient.Reply second = answers.get(2 * i + 1);
            assertThat(List.of(first.status(), second.status())).as("pair " + i).containsExactlyInAnyOrder(204, 409);
            ApiClient.Reply loser = first.status() == 409 ? first : second;
            assertThat(loser.rule()).as("pair " + i + ": " + loser).isIn("EnrolmentNotActive", "ConcurrentChange");
            List<String> ended = events("beneficiaryId=" + enrolments.get(i)[0]).stream().map(e -> e.path("type").asText())
                    .filter(t -> t.startsWith("Enrolment")).toList();
            assertThat(ended).as("pair " + i + ": one ending stored").hasSize(1);
            boolean withdrawalWon = i % 2 == 1 && second.status() == 204;
            assertThat(ended.get(0)).isEqualTo(withdrawalWon ? "EnrolmentWithdrawn" : "EnrolmentCompleted");
            if (withdrawalWon) {
                withdrawnWins++;
            } else {
                completedWins++;
            }
        }
        assertThat(events("centreId=" + centre + "&type=SeatReleased")).hasSize(pairs);
        System.out.println("LastSeatsTest: " + pairs + " races to end one enrolment: completions won " + completedWins
                + ", withdrawals won " + withdrawnWins);

        int completed = completedWins;
        int withdrawn = withdrawnWins;
        Eventually.equals("occupancy", 0,
                () -> api.readOrMissing("/api/centres/" + centre + "/occupancy").path("occupied").asInt(-1), CATCH_UP);
        Eventually.equals("counts", List.of(0L, (long) completed, (long) withdrawn), () -> {
            JsonNode total = api.readOrMissing("/api/stats/programmes?centre=" + centre).path("total");
            return List.of(total.path("active").asLong(), total.path("completed").asLong(), total.path("withdrawn").asLong());
        }, CATCH_UP);
    }

    @Test
    void twoEnrolmentsOfOnePersonInOneProgrammeAtOnceOneWins() throws Exception {
        int people = 10;
        String first = openCentre("DISABILITY_CENTRE", 100);
        String second = openCentre("DISABILITY_CENTRE", 100);
        List<String> persons = new ArrayList<>();
        List<Callable<ApiClient.Reply>> racers = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String person = register();
            persons.add(person);
            racers.add(() -> enrol(person, first, "DISABILITY_SUPPORT", null));
            racers.add(() -> enrol(person, second, "DISABILITY_SUPPORT", null));
        }
        List<ApiClient.Reply> answers = atOnce(racers);
        for (int i = 0; i < people; i++) {
            ApiClient.Reply a = answers.get(2 * i);
            ApiClient.Reply b = answers.get(2 * i + 1);
            assertThat(List.of(a.status(), b.status())).as("person " + i).containsExactlyInAnyOrder(201, 409);
            assertThat((a.status() == 409 ? a : b).rule()).isIn("AlreadyActiveInProgramme", "ConcurrentChange");
            assertThat(events("beneficiaryId=" + persons.get(i) + "&type=EnrolledInProgramme")).hasSize(1);
        }
        Eventually.equals("seats taken in both centres", people, () ->
                api.readOrMissing("/api/centres/" + first + "/occupancy").path("occupied").asInt()
                        + api.readOrMissing("/api/centres/" + second + "/occupancy").path("occupied").asInt(), CATCH_UP);
    }

    // ---- helpers

    private static List<ApiClient.Reply> atOnce(List<Callable<ApiClient.Reply>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ApiClient.Reply>> futures = new ArrayList<>();
            for (Callable<ApiClient.Reply> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
            List<ApiClient.Reply> replies = new ArrayList<>();
            for (Future<ApiClient.Reply> future : futures) {
                replies.add(future.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<JsonNode> events(String filter) {
        return ApiClient.list(api.read("/api/audit/events?limit=500&" + filter).path("events"));
    }

    private static String openCentre(String type, int capacity) throws IOException {
        ApiClient.Reply reply = api.post("/api/centres", """
                {"type":"%s","nameAr":"مركز","nameFr":"Centre","region":"ORIENTAL","province":"Oujda",
                 "capacity":%d,"operatorKind":"AGENCY","openedOn":"2005-09-01"}""".formatted(type, capacity), null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("centreId");
    }

    private static String register() throws IOException {
        ApiClient.Reply reply = api.post("/api/beneficiaries", CaseWorkers.PERSON, null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("beneficiaryId");
    }

    private static ApiClient.Reply enrol(String person, String centre, String programme, String key) throws IOException {
        return api.post("/api/beneficiaries/" + person + "/enrolments", """
                {"centreId":"%s","programme":"%s","enrolledOn":"2010-02-01"}""".formatted(centre, programme), key);
    }

    private static ApiClient.Reply post(String path, String body) throws IOException {
        return api.post(path, body, null);
    }
}
