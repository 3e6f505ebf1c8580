package ma.masar.embedded.ops;

import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import ma.masar.embedded.demo.DemoDataProgress;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A start on an event store that already holds events, its read store to be rebuilt (removed at the start, as
 * {@code masar.embedded-mongo.rebuild-at-start} asks): the readiness probe answers 503 until the read models have
 * caught up, liveness answers 200 all along, and the first moment readiness answers 200 the counts are already
 * complete (issue 16, item 3).
 */
class ReadinessTest {

    private static final String COUNTS = "/api/stats/programmes?year=2010";
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();

    record Probe(long atMillis, int readiness, int liveness, String catchingUp, String banner) {
    }

    @Test
    void refusesTrafficUntilTheReadModelsHaveCaughtUpThenAnswersCompleteCounts() throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Path dataDir = Files.createTempDirectory("masar-readiness-");

        // a first run records a small demo population, and its counts once every read model has it all
        String expected;
        long events;
        try (ConfigurableApplicationContext first = start(dataDir, 0, "--masar.demo.enabled=true",
                "--masar.demo.scale=" + System.getProperty("masar.readiness-test.scale", "0.004"))) {
            String base = base(first);
            DemoDataProgress demo = first.getBean(DemoDataProgress.class);
            await(Duration.ofMinutes(3), () -> demo.snapshot().state() == DemoDataProgress.State.DONE);
            TrackingToken head = first.getBean(EventStore.class).createHeadToken();
            events = head.position().orElseThrow();
            EventProcessingConfiguration processing = first.getBean(EventProcessingConfiguration.class);
            await(Duration.ofMinutes(2), () -> processing.eventProcessors().values().stream()
                    .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                    .allMatch(processor -> !processor.processingStatus().isEmpty() && processor.processingStatus()
                            .values().stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= events)));
            expected = get(base + COUNTS, true).body();
            assertThat(get(base + "/actuator/health/readiness", false).statusCode()).isEqualTo(200);
        }

        // the second run starts on the same events, its read store empty; probed from before its web server is up
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        List<Probe> probes = new CopyOnWriteArrayList<>();
        List<String> countsWhenReady = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        Thread prober = new Thread(() -> {
            while (countsWhenReady.isEmpty() && !Thread.currentThread().isInterrupted()) {
                try {
                    long at = (System.nanoTime() - started) / 1_000_000;
                    int readiness = get(base + "/actuator/health/readiness", false).statusCode();
                    String counts = readiness == 200 ? get(base + COUNTS, true).body() : null;
                    int liveness = get(base + "/actuator/health/liveness", false).statusCode();
                    String catchingUp = readiness == 200 ? "" : get(base + "/api/stats/catching-up", true).body();
                    // a page, once: rendered while the read models rebuild, it is slow and would space the probes out
                    boolean firstRefusal = readiness != 200 && probes.stream().noneMatch(p -> p.readiness() != 200);
                    String banner = firstRefusal ? banner(page(base + "/?lang=fr").body()) : "";
                    probes.add(new Probe(at, readiness, liveness, catchingUp, banner));
                    if (counts != null) {
                        countsWhenReady.add(counts);
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // not listening yet
                }
            }
        }, "readiness-prober");
        prober.start();
        try (ConfigurableApplicationContext second = start(dataDir, port, "--masar.demo.enabled=false",
                "--masar.embedded-mongo.rebuild-at-start=true")) {
            long contextStarted = (System.nanoTime() - started) / 1_000_000;
            await(Duration.ofMinutes(2), () -> !countsWhenReady.isEmpty());
            prober.join();
            Probe firstReady = probes.stream().filter(p -> p.readiness() == 200).findFirst().orElseThrow();
            List<Probe> refused = probes.stream().filter(p -> p.readiness() == 503).toList();
            System.out.println("Banner while refused: " + refused.get(0).banner());
            System.out.printf("Restart on %d events: context started after %d ms, first probe answered at %d ms, "
                            + "readiness 503 in %d probes, 200 from %d ms; last catching-up while refused: %s%n",
                    events, contextStarted, probes.get(0).atMillis(), refused.size(), firstReady.atMillis(),
                    refused.isEmpty() ? "-" : refused.get(refused.size() - 1).catchingUp());

            assertThat(refused).as("readiness refused traffic while the read models caught up").isNotEmpty();
            // Boot reports liveness BROKEN until the context has started, and Tomcat answers a little before that
            // (seen under a load average of 16: one probe at 6.9 s, the context started at 8.9 s)
            assertThat(probes.stream().filter(probe -> probe.atMillis() >= contextStarted))
                    .allSatisfy(probe -> assertThat(probe.liveness()).isEqualTo(200));
            // the last refusal may have crossed the moment they caught up (readiness is asked before the progress)
            assertThat(refused.subList(0, refused.size() - 1))
                    .allSatisfy(probe -> assertThat(probe.catchingUp()).contains("\"ready\":false"));
            assertThat(refused).anySatisfy(probe -> assertThat(probe.banner()).matches("rattrapage : \\d+ %"));
            assertThat(page(base + "/?lang=fr").body()).doesNotContain("catching-up");
            // the banner's last question reloads its page: the figures on it were partial
            HttpResponse<String> last = http.send(HttpRequest.newBuilder(URI.create(base + "/?lang=fr"))
                    .header("Accept", "text/html").header("Authorization", TestUsers.basic())
                    .header("HX-Request", "true").header("HX-Target", "catching-up").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(last.headers().firstValue("HX-Refresh")).hasValue("true");
            assertThat(countsWhenReady.get(0)).as("the counts the moment readiness said 200").isEqualTo(expected);
            assertThat(get(base + "/api/stats/catching-up", true).body()).contains("\"ready\":true")
                                                                        .contains("\"percent\":100");
        } finally {
            prober.interrupt();
        }
    }

    /** The catching-up banner's words on a page, or "" without one (also {@link ReadModelsBehindTest}'s). */
    static String banner(String page) {
        var banner = java.util.regex.Pattern.compile("id=\"catching-up\"[^>]*>([^<]*)<").matcher(page);
        return banner.find() ? banner.group(1).trim() : "";
    }

    private static ConfigurableApplicationContext start(Path dataDir, int port, String... more) {
        List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=" + port,
                "--server.address=127.0.0.1", "--axon.update-check.disabled=true"));
        args.addAll(List.of(more));
        args.addAll(TestUsers.args());
        return SpringApplication.run(MasarApplication.class, args.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext app) {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    }

    private static HttpResponse<String> page(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "text/html").header("Authorization", TestUsers.basic()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, boolean asClerk) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET();
        if (asClerk) {
            request.header("Authorization", TestUsers.basic());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit);
            }
            Thread.sleep(50);
        }
    }
}
