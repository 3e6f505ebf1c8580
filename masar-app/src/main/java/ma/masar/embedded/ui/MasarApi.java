package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The pages are a client of Masar's public HTTP API, the same one any other client uses: the rules, the validation
 * and the problem JSON a social worker sees are exactly the API's, and the UI could run apart from both sides. In
 * the embedded mode the API is this same server (loopback); {@code masar.ui.api-url} points elsewhere. Every call
 * carries the page's language ({@code Accept-Language}) and the caller's credentials: the session cookie (or
 * an Authorization header) and the session's CSRF token, so the API sees the same person as the page.
 */
@Component
class MasarApi {

    private static final Logger log = LoggerFactory.getLogger(MasarApi.class);
    /** Forwarded so that the API sees the same person as the page. */
    private static final String[] FORWARDED = {HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE};

    private final ObjectMapper json;
    private final String configuredUrl;
    private final RestClient client;
    private volatile String baseUrl;

    MasarApi(ObjectMapper objectMapper, @Value("${masar.ui.api-url:}") String configuredUrl) {
        // lenient: a field the API adds later must not break a page
        this.json = objectMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.configuredUrl = configuredUrl;
        // HTTP/1.1: the JDK client would otherwise ask every request to upgrade to h2c, which Tomcat ignores
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofSeconds(30));
        this.client = RestClient.builder().requestFactory(factory).build();
        if (!configuredUrl.isBlank()) {
            baseUrl = configuredUrl.replaceAll("/+$", "");
        }
    }

    /** Loopback to this server once its port is known (random in tests). */
    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        if (configuredUrl.isBlank() && !"management".equals(event.getApplicationContext().getServerNamespace())) {
            baseUrl = "http://127.0.0.1:" + event.getWebServer().getPort();
        }
    }

    /** GET with query parameters; blank ones are left out. Values are encoded here, once (Arabic names, instants). */
    ApiAnswer get(String path, Map<String, ?> query) {
        StringJoiner parameters = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                parameters.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        String target = path + parameters;
        return call(() -> client.get().uri(uri(target)).headers(this::fill).accept(MediaType.APPLICATION_JSON)
                .exchange((request, response) -> answer(response.getStatusCode().value(),
                        response.getHeaders(), response.getBody().readAllBytes())));
    }

    ApiAnswer get(String path) {
        return get(path, Map.of());
    }

    /** POST a JSON body; the idempotency key makes a double click record the fact once. */
    ApiAnswer post(String path, Object body, String idempotencyKey) {
        return call(() -> {
            RestClient.RequestBodySpec spec = client.post().uri(uri(path)).headers(this::fill)
                    .contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON);
            if (idempotencyKey != null && !idempotencyKey.isBlank()) {
                spec.header("Idempotency-Key", idempotencyKey);
            }
            return spec.body(bytes(body == null ? Map.of() : body))
                    .exchange((request, response) -> answer(response.getStatusCode().value(),
                            response.getHeaders(), response.getBody().readAllBytes()));
        });
    }

    /** POST a file as it is (a register's CSV for bulk import). */
    ApiAnswer postFile(String path, byte[] content, MediaType type) {
        return call(() -> client.post().uri(uri(path)).headers(this::fill).contentType(type)
                .accept(MediaType.APPLICATION_JSON).body(content)
                .exchange((request, response) -> answer(response.getStatusCode().value(),
                        response.getHeaders(), response.getBody().readAllBytes())));
    }

    JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T convert(JsonNode node, Class<T> type) {
        return json.convertValue(node, type);
    }

    /** The path is ours and already safe (ids are checked against a pattern); only the base is added. */
    private URI uri(String pathAndQuery) {
        if (baseUrl == null) {
            throw new IllegalStateException("the API's address is not known yet: the server has not started");
        }
        return URI.create(baseUrl + pathAndQuery);
    }

    private void fill(HttpHeaders headers) {
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().getLanguage());
        headers.set("X-Correlation-Id", UUID.randomUUID().toString());
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            for (String name : FORWARDED) {
                String value = request.getHeader(name);
                if (value != null) {
                    headers.set(name, value);
                }
            }
            // the page's request passed the CSRF check; the API asks the same session for the same token
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
                headers.set(csrf.getHeaderName(), csrf.getToken());
            }
        }
    }

    private ApiAnswer answer(int status, HttpHeaders headers, byte[] bytes) throws IOException {
        JsonNode body = bytes.length == 0 ? NullNode.getInstance() : parse(bytes);
        String location = headers.getFirst(HttpHeaders.LOCATION);
        if (status >= 200 && status < 300) {
            return new ApiAnswer(status, body, location, null);
        }
        return new ApiAnswer(status, body, location,
                body.isObject() ? ApiProblem.of(status, body) : ApiProblem.unreadable(status));
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            // an export or an error page: not JSON
            return NullNode.getInstance();
        }
    }

    private ApiAnswer call(java.util.function.Supplier<ApiAnswer> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            log.warn("Masar API unreachable: {}", e.getClass().getName());
            return new ApiAnswer(503, NullNode.getInstance(), null, ApiProblem.unreadable(503));
        }
    }
}
