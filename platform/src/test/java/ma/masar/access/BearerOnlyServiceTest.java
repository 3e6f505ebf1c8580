package ma.masar.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service of the production profile: no password logins, people bring a token. It challenges for a Bearer token
 * (never Basic, which it would refuse), answers 401 in problem JSON of the one type domain, and takes the roles from
 * the token's realm roles.
 */
@SpringBootTest(classes = BearerOnlyServiceTest.Service.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.messages.basename=i18n/problems", "spring.autoconfigure.exclude="
                + "org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration,"
                + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                + "ma.masar.personal.PersonalDataConfiguration"})
class BearerOnlyServiceTest {

    private static final byte[] SECRET = "a-test-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    @SpringBootApplication(scanBasePackages = "none")
    static class Service {
        @Bean
        JwtDecoder jwtDecoder() {
            return NimbusJwtDecoder.withSecretKey(new SecretKeySpec(SECRET, "HmacSHA256")).build();
        }

        @Bean
        Counts counts() {
            return new Counts();
        }
    }

    @RestController
    static class Counts {
        @GetMapping("/api/stats/programmes")
        Map<String, Integer> programmes() {
            return Map.of("EDUCATION_TRAINING", 1);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JwtDecoder decoder;

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/stats/programmes")).header("Accept-Language", "fr");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(List<String> roles) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .subject("u-1").claim("preferred_username", "manager").claim("realm_access", Map.of("roles", roles))
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    @Test
    void challengesForABearerTokenInProblemJson() throws Exception {
        HttpResponse<String> anonymous = get(null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
        assertThat(anonymous.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(anonymous.body()).contains("https://masar.example/problems/Unauthenticated", "Authentification requise");
        assertThat(get("Basic bWFuYWdlcjptYW5hZ2VyLWRlbW8=").statusCode()).isEqualTo(401);
    }

    @Test
    void takesTheRolesFromTheTokensRealmRoles() throws Exception {
        assertThat(get("Bearer " + token(List.of("manager"))).statusCode()).isEqualTo(200);
        assertThat(get("Bearer " + token(List.of("offline_access"))).statusCode()).isEqualTo(403);
    }
}
