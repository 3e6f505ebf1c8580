package ma.masar.embedded.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.common.ProgrammeType;
import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo population goes through the command bus and the projections like any user's commands: after it
 * is recorded, the 2010 counts served by the API are exactly the plan's (here at a small scale), and the auditor's
 * verification finds every live read model equal to its rebuild from the events. The demo commits its commands in
 * group commits, so events commit late, together, after higher ones were handled: the live read models lacked some of
 * them until 2026-12-06 (RELIABILITY.md, bug 12), which only this verification showed.
 */
class DemoCountsEndToEndTest {

    private static final double SCALE = 0.002;

    @Test
    void theCountsAreExactlyWhatTheDemoRecordedAndEveryReadModelEqualsItsRebuild() throws Exception {
        Map<ProgrammeType, Integer> planned = new EnumMap<>(ProgrammeType.class);
        new DemoPopulation(SCALE, 2010L).forEachCase(plan -> plan.commands().forEach(command -> {
            if (command instanceof EnrolInProgramme enrol) {
                planned.merge(enrol.programme(), 1, Integer::sum);
            } else if (command instanceof MoveToApprenticeship) {
                planned.merge(ProgrammeType.APPRENTICESHIP, 1, Integer::sum);
            }
        }));
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + Files.createTempDirectory("masar-demo-"),
                "--server.port=0", "--masar.demo.enabled=true", "--masar.demo.scale=" + SCALE));
        args.addAll(TestUsers.args());
        try (ConfigurableApplicationContext app = SpringApplication.run(MasarApplication.class,
                args.toArray(String[]::new))) {
            String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();
            long deadline = System.nanoTime() + 240_000_000_000L;
            JsonNode progress;
            do {
                Thread.sleep(500);
                progress = json.readTree(get(http, base + "/api/demo/progress"));
            } while (!"DONE".equals(progress.get("state").asText()) && System.nanoTime() < deadline);
            assertThat(progress.get("state").asText()).isEqualTo("DONE");
            assertThat(progress.get("refused").asLong()).isZero();

            Map<ProgrammeType, Integer> served = new EnumMap<>(ProgrammeType.class);
            while (System.nanoTime() < deadline) {
                served.clear();
                JsonNode stats = json.readTree(get(http, base + "/api/stats/programmes?year=2010"));
                stats.get("programmes").forEach(p -> served.put(ProgrammeType.valueOf(p.get("programme").asText()),
                        p.get("tally").get("enrolled").asInt()));
                if (served.equals(planned)) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(served).isEqualTo(planned);

            // the other read models may still be catching up: a difference that lasts is what counts
            Map<String, Integer> differing = new TreeMap<>();
            long verifyUntil = System.nanoTime() + 90_000_000_000L;
            do {
                differing.clear();
                JsonNode report = json.readTree(post(http, base + "/api/audit/verifications"));
                report.get("readModels").forEach(readModel -> differing.put(readModel.get("readModel").asText(),
                        readModel.get("differing").asInt()));
            } while (differing.values().stream().anyMatch(count -> count > 0) && System.nanoTime() < verifyUntil);
            assertThat(differing).as("documents differing from the rebuild, by read model")
                                 .containsKeys("timeline", "search", "counts", "centres", "caseload", "staff")
                                 .allSatisfy((readModel, count) -> assertThat(count).as(readModel).isZero());
        }
    }

    private static String post(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", TestUsers.basic())
                                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                         HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", TestUsers.basic()).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
