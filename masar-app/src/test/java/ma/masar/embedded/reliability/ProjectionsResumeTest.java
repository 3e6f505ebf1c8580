package ma.masar.embedded.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: after a long outage of what the read models depend on, they resume within seconds of its return. Axon's
 * processors back off up to 60 s between attempts while their source or token store is away (seen: projections
 * resumed about 70 s after Axon Server came back); {@code ProcessorRevival} restarts them once the sources are up.
 * The embedded mode shares the behaviour through its token store: the read store (MongoDB's stand-in) goes away for
 * 35 s, by which time the back-off has grown to 16–32 s between attempts.
 */
class ProjectionsResumeTest {

    private static final Duration OUTAGE = Duration.ofSeconds(35);
    /** Without the revival the next attempt comes up to ~30 s after the return at this outage's length. */
    private static final Duration RESUMED_WITHIN = Duration.ofSeconds(8);

    private static InProcessMasar app;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        app = InProcessMasar.start("resume");
        api = app.api;
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theReadModelsResumeWithinSecondsOfTheReadStoresReturnAfterALongOutage() throws Exception {
        String centre = openCentre();
        enrol(register(), centre);
        Eventually.equals("occupancy before", 1, () -> occupied(centre), Duration.ofMinutes(1));

        app.readStore.stop();
        enrol(register(), centre);
        enrol(register(), centre);
        Eventually.sleep(OUTAGE.toMillis());

        app.readStore.start();
        Duration resumed = Eventually.equals("occupancy after the outage", 3, () -> occupied(centre),
                Duration.ofMinutes(2));
        System.out.println("ProjectionsResumeTest: read store away " + OUTAGE.toSeconds() + " s; the occupancy "
                + "showed the enrolments recorded meanwhile " + resumed.toMillis() + " ms after it returned");
        assertThat(resumed).isLessThan(RESUMED_WITHIN);
    }

    private static int occupied(String centre) {
        return api.readOrMissing("/api/centres/" + centre + "/occupancy").path("occupied").asInt(-1);
    }

    private static String openCentre() throws IOException {
        ApiClient.Reply reply = api.post("/api/centres", """
                {"type":"CITIZEN_HOUSE","nameAr":"دار المواطن","nameFr":"Maison citoyenne","region":"ORIENTAL",
                 "province":"Oujda","capacity":100,"operatorKind":"AGENCY","openedOn":"2006-03-01"}""", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("centreId");
    }

    private static String register() throws IOException {
        ApiClient.Reply reply = api.post("/api/beneficiaries", CaseWorkers.PERSON, null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.text("beneficiaryId");
    }

    private static void enrol(String person, String centre) throws IOException {
        ApiClient.Reply reply = api.post("/api/beneficiaries/" + person + "/enrolments", """
                {"centreId":"%s","programme":"CITIZEN_HOUSE","enrolledOn":"2010-02-01"}""".formatted(centre), null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }
}
