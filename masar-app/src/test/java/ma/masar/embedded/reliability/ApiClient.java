package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.embedded.TestUsers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Masar's HTTP API as a client on 127.0.0.1 sees it: a status, a JSON body, the headers. A request that gets no
 * answer at all (the process was killed, the connection refused) throws {@link IOException}: its outcome is unknown.
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        String rule() {
            return body == null ? null : body.path("rule").asText(null);
        }

        String text(String field) {
            return body == null ? null : body.path(field).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + (raw.body().length() > 300 ? raw.body().substring(0, 300) + "…" : raw.body());
        }
    }

    private final String base;
    private volatile HttpClient http;

    ApiClient(String base) {
        this.base = base;
        this.http = newClient();
    }

    /** HTTP/1.1, as browsers and curl talk to the embedded Tomcat; short connect timeout: a dead process fails fast. */
    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** A fresh connection pool: after a kill, no request should wait on a connection to the dead process. */
    void renew() {
        http = newClient();
    }

    String base() {
        return base;
    }

    Reply post(String path, String body, String idempotencyKey) throws IOException {
        return post(path, body, idempotencyKey, Duration.ofSeconds(30));
    }

    Reply post(String path, String body, String idempotencyKey, Duration timeout) throws IOException {
        HttpRequest.Builder request = request(path, timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** A file for bulk import, answered in the language asked. */
    Reply postCsv(String path, String csv, String language) throws IOException {
        return send(request(path, Duration.ofSeconds(30)).header("Content-Type", "text/csv; charset=utf-8")
                .header("Accept-Language", language).POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    Reply get(String path) throws IOException {
        return get(path, Duration.ofSeconds(30));
    }

    Reply get(String path, Duration timeout) throws IOException {
        return send(request(path, timeout).GET().build());
    }

    /** A GET for a comparison: the body when 200, else a missing node, never an exception. */
    JsonNode readOrMissing(String path) {
        try {
            Reply reply = get(path);
            return reply.status() == 200 && reply.body() != null ? reply.body()
                    : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        } catch (IOException e) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /** A GET that must answer 200: for checks, where an error is a test failure, not a retry. */
    JsonNode read(String path) {
        try {
            Reply reply = get(path);
            if (reply.status() != 200) {
                throw new AssertionError("GET " + path + " answered " + reply);
            }
            return reply.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        }
    }

    /** Every line of a JSON Lines answer (the audit export), handed on one at a time. */
    void readLines(String path, Consumer<JsonNode> sink) {
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(
                    request(path, Duration.ofMinutes(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            try (var lines = response.body()) {
                lines.filter(line -> !line.isBlank()).forEach(line -> {
                    try {
                        sink.accept(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every request of the reliability tests starts here: what all of them need (the clerk's credentials) is added
     * in this one place.
     */
    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Authorization", TestUsers.basic());
    }

    private Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String text = response.body();
            if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
                body = JSON.readTree(text);
            }
            return new Reply(response.statusCode(), body, response);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
