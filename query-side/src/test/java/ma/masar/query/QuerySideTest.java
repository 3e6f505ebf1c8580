package ma.masar.query;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import ma.masar.queryside.QuerySideApplication;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side as it runs, against an in-process MongoDB stand-in (mongo-java-server, memory backend, reached by
 * the real driver over a socket) and Axon's in-memory event store. Every test class shares one application context
 * and one read store, so tests use ids of their own.
 */
@SpringBootTest(classes = {QuerySideApplication.class, QuerySideTest.InMemoryEvents.class, CrashingReadStore.class},
                webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = {"spring.config.name=masar-query",
                              "masar.data-dir=./target/query-side-test-data",
                              "masar.mongo.database=masar-test",
                              "masar.query.live-update-period-ms=100",
                              "logging.level.de.bwaldvogel.mongo=ERROR",
                              "axon.eventhandling.processors.timeline.token-claim-interval=100",
                              "axon.eventhandling.processors.search.token-claim-interval=100",
                              "axon.eventhandling.processors.counts.token-claim-interval=100",
                              "axon.eventhandling.processors.centres.token-claim-interval=100",
                              "axon.eventhandling.processors.timeline.token-claim-interval-time-unit=MILLISECONDS",
                              "axon.eventhandling.processors.search.token-claim-interval-time-unit=MILLISECONDS",
                              "axon.eventhandling.processors.counts.token-claim-interval-time-unit=MILLISECONDS",
                              "axon.eventhandling.processors.centres.token-claim-interval-time-unit=MILLISECONDS"})
public abstract class QuerySideTest {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final InetSocketAddress MONGO_ADDRESS = MONGO.bind();
    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void readStore(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri",
                     () -> "mongodb://" + MONGO_ADDRESS.getHostString() + ":" + MONGO_ADDRESS.getPort());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class InMemoryEvents {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }
    }

    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected MongoDatabase readStore;
    @Autowired
    protected EventProcessingConfiguration processing;
    @LocalServerPort
    protected int port;

    protected Facts facts() {
        return new Facts(eventStore);
    }

    /** Waits until every read model has handled every event published so far. */
    protected void awaitProjected() {
        TrackingToken head = eventStore.createHeadToken();
        await("read models to catch up", () -> {
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor instanceof PooledStreamingEventProcessor pooled && !caughtUp(pooled, head)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static boolean caughtUp(PooledStreamingEventProcessor processor, TrackingToken head) {
        if (head == null) {
            return true;
        }
        var status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(
                segment -> segment.getCurrentPosition().orElse(-1) >= head.position().orElse(0));
    }

    protected static void await(String what, Supplier<Boolean> condition) {
        awaitValue(what, condition, Boolean::booleanValue);
    }

    protected static <T> T awaitValue(String what, Supplier<T> value, Predicate<T> wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(Long.getLong("masar.test.await-seconds", 30)).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = value.get();
                if (wanted.test(last)) {
                    return last;
                }
            } catch (RuntimeException | AssertionError e) {
                // not there yet
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Timed out waiting for " + what + "; last seen: " + last);
    }

    protected Response get(String pathAndQuery) {
        return get(pathAndQuery, null);
    }

    protected Response get(String pathAndQuery, String acceptLanguage) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                                                     .header("Authorization", CLERK)
                                                     .timeout(Duration.ofSeconds(10))
                                                     .GET();
            if (acceptLanguage != null) {
                request.header("Accept-Language", acceptLanguage);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(),
                                response.headers().firstValue("Content-Type").orElse(""),
                                response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Basic credentials of 'clerk', who holds every role and every centre (src/test/resources/config/masar-query.yml):
     * the tests that are about something else than access read as clerk.
     */
    protected static final String CLERK = basic("clerk");

    protected static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (user + ":test-password").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    protected static HttpClient http() {
        return HTTP;
    }

    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException("Not JSON: " + body, e);
            }
        }
    }
}
