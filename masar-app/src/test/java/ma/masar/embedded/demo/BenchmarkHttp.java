package ma.masar.embedded.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.TestUsers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Every HTTP call the benchmark makes, in one place: when the API requires credentials (HTTP Basic), they are added in
 * {@link #request(String)} and nowhere else.
 */
final class BenchmarkHttp {

    private final String base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final ObjectMapper json = new ObjectMapper();

    BenchmarkHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The one request builder: the clerk's credentials (every role, every centre) go here. */
    private HttpRequest.Builder request(String path) {
        return request(path, TestUsers.basic());
    }

    private HttpRequest.Builder request(String path, String authorization) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization);
    }

    /** A GET as another user ({@link TestUsers#basic(String)}). */
    JsonNode getJson(String path, String authorization) {
        return json(send(request(path, authorization).header("Accept", "application/json").GET().build(), 200));
    }

    JsonNode getJson(String path) {
        return json(send(request(path).header("Accept", "application/json").GET().build(), 200));
    }

    /** A GET whose body is read and dropped: for timing queries. */
    void get(String path) {
        get(path, TestUsers.basic());
    }

    /**
     * The same, as another user ({@link TestUsers#basic(String)}). The body is read to its end as it arrives and kept
     * nowhere: this client runs in the application's JVM, and a caseload's 600 KB kept as a string were allocated
     * in the application's heap, a humongous object for each query, whose collections paused the queries timed
     * beside them (BENCHMARKS.md, "The read store's replies copied for a metric").
     */
    void get(String path, String authorization) {
        HttpRequest request = request(path, authorization).header("Accept", "application/json").GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (!answered(response, 200)) {
                throw failed(request, response, new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a JSON command; returns when the API has acknowledged it (the event is stored). */
    void postCommand(String path, Map<String, Object> body) {
        try {
            send(request(path).header("Content-Type", "application/json")
                         .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), 201);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens a Server-Sent Events stream and hands each {@code data:} line to {@code onData}, on the client's threads.
     * Cancel the returned future to close the stream.
     */
    CompletableFuture<?> stream(String path, Consumer<String> onData) {
        return client.sendAsync(request(path).header("Accept", "text/event-stream").GET()
                                             .timeout(Duration.ofHours(1)).build(),
                                HttpResponse.BodyHandlers.ofLines())
                     .thenAccept(response -> response.body().forEach(line -> {
                         if (line.startsWith("data:")) {
                             onData.accept(line.substring(5));
                         }
                     }));
    }

    private String send(HttpRequest request, int expected) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (!answered(response, expected)) {
            throw failed(request, response, response.body());
        }
        return response.body();
    }

    /** Sends and waits for the answer's head; the body is the handler's. */
    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The status expected, or another success. */
    private static boolean answered(HttpResponse<?> response, int expected) {
        return response.statusCode() == expected || response.statusCode() / 100 == 2;
    }

    private static IllegalStateException failed(HttpRequest request, HttpResponse<?> response, String body) {
        return new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                                         + response.statusCode() + ": " + body);
    }

    private JsonNode json(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
