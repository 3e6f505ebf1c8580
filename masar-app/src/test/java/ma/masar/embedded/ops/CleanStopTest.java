package ma.masar.embedded.ops;

import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
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
        System.setProperty("axoniq.update-checker.disabled", "true");
        List<String> args = new ArrayList<>(List.of(
                "--masar.data-dir=" + Files.createTempDirectory("masar-stop-"), "--server.port=0",
                "--server.address=127.0.0.1", "--masar.demo.enabled=false", "--axon.update-check.disabled=true"));
        args.addAll(TestUsers.args());
        ConfigurableApplicationContext app = SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
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
}
