package ma.masar.embedded.ops;

import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import ma.masar.embedded.demo.DemoDataProgress;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop with live streams open (a manager's dashboard, a case page) ends in seconds and logs no stack trace: the
 * streams are ended before the web server waits for its requests, and the embedded read store stops after everything
 * that uses it (issue 16, item 5).
 */
@ExtendWith(OutputCaptureExtension.class)
class CleanStopTest {

    @Test
    void stopsInUnderFiveSecondsWithLiveStreamsOpenAndLogsNoStackTrace(CapturedOutput output) throws Exception {
        String[] args = arguments("masar-stop-", "--masar.demo.enabled=false");
        ConfigurableApplicationContext app = SpringApplication.run(MasarApplication.class, args);
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<InputStream> streams = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "/api/stats/stream"))
                    .header("Authorization", TestUsers.basic()).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(stream.statusCode()).isEqualTo(200);
            BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("event:counts");   // the stream is live: its first answer came
            streams.add(stream.body());
        }

        int logBefore = output.getOut().length();
        long started = System.nanoTime();
        app.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String stopLog = output.getOut().substring(logBefore) + output.getErr();
        System.out.println("Stop with " + streams.size() + " live streams open took " + took.toMillis() + " ms");

        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(stopLog).doesNotContain("MongoTimeoutException").doesNotContain("Exception")
                           .doesNotContainPattern("(?m)^\\s+at [a-z]");
        for (InputStream stream : streams) {
            stream.close();
        }
    }

    /**
     * A stop in the middle of the demo load: the load ends first (no new group sent, the groups in flight finish),
     * so no thread sends to a command bus without handlers or a closed connection pool (before, dozens of stack
     * traces); what was recorded stays and the next start loads nothing more.
     */
    @Test
    void stopsDuringTheDemoLoadWithoutAStackTraceAndKeepsWhatWasRecorded(CapturedOutput output) throws Exception {
        String[] args = arguments("masar-stop-demo-", "--masar.demo.enabled=true", "--masar.demo.scale=0.05");
        ConfigurableApplicationContext app = SpringApplication.run(MasarApplication.class, args);
        DemoDataProgress progress = app.getBean(DemoDataProgress.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (progress.snapshot().peopleDone() < 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(progress.snapshot().state()).as("the load is under way").isEqualTo(DemoDataProgress.State.RUNNING);

        int logBefore = output.getOut().length();
        long started = System.nanoTime();
        app.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String stopLog = output.getOut().substring(logBefore) + output.getErr();
        System.out.println("Stop during the demo load took " + took.toMillis() + " ms");

        assertThat(stopLog).contains("the load stopped with the application")
                           .doesNotContain("Exception").doesNotContainPattern("(?m)^\\s+at [a-z]");
        // the groups in flight finish first (4 to 10 s here): bounded, but not yet the 5 s of a stop without a load
        assertThat(took).isLessThan(Duration.ofSeconds(20));

        ConfigurableApplicationContext again = SpringApplication.run(MasarApplication.class, args);
        try {
            assertThat(again.getBean(EventStore.class).createHeadToken().position().orElse(0))
                    .as("the events recorded before the stop").isPositive();
            assertThat(again.getBean(DemoDataProgress.class).snapshot().state())
                    .isEqualTo(DemoDataProgress.State.SKIPPED);
        } finally {
            again.close();
        }
    }

    /** The application on a data folder of its own, on a free port, with the tests' users and these settings. */
    private static String[] arguments(String folder, String... settings) throws IOException {
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<String> args = new ArrayList<>(List.of(
                "--masar.data-dir=" + Files.createTempDirectory(folder), "--server.port=0",
                "--server.address=127.0.0.1", "--axon.update-check.disabled=true"));
        args.addAll(List.of(settings));
        args.addAll(TestUsers.args());
        return args.toArray(String[]::new);
    }
}
