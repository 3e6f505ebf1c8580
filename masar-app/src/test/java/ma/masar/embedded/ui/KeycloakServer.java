package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.masar.embedded.FreePorts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak, its own distribution from Maven Central (unpacked under {@code target/keycloak} by the build's
 * {@code keycloak-for-tests} profile), started in development mode with the project's realm
 * ({@code ops/keycloak/masar-realm.json}) and stopped by its own process id. The realm is imported as it is, but
 * for the address of the Masar under test, which is added to the client's allowed redirects.
 */
final class KeycloakServer implements AutoCloseable {

    static final Path DISTRIBUTION = Path.of("target", "keycloak", "keycloak-" + System.getProperty(
            "keycloak.version", "26.4.7"));
    static final Path REALM = Path.of("..", "ops", "keycloak", "masar-realm.json");
    /** The bootstrap administrator of the master realm: a token of another realm, for the tests that refuse it. */
    static final String MASTER_ADMIN = "kc-admin";
    static final String MASTER_PASSWORD = "kc-admin-password";

    final int port;
    private final Process process;
    private final Path log;

    private KeycloakServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static boolean available() {
        return Files.isExecutable(DISTRIBUTION.resolve("bin/kc.sh"));
    }

    /** Starts Keycloak with the realm allowing {@code masarBase} as the UI's address; returns once it serves it. */
    static KeycloakServer start(String masarBase, Duration timeout) throws Exception {
        Path data = DISTRIBUTION.resolve("data");
        deleteTree(data);
        Path imports = Files.createDirectories(data.resolve("import"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode realm = (ObjectNode) json.readTree(REALM.toFile());
        for (var client : realm.withArray("clients")) {
            if ("masar-ui".equals(client.path("clientId").asText())) {
                ((ArrayNode) client.get("redirectUris")).add(masarBase + "/*");
                ((ArrayNode) client.get("webOrigins")).add(masarBase);
                ObjectNode attributes = (ObjectNode) client.get("attributes");
                attributes.put("post.logout.redirect.uris",
                        attributes.path("post.logout.redirect.uris").asText() + "##" + masarBase + "/*");
            }
        }
        json.writeValue(imports.resolve("masar-realm.json").toFile(), realm);

        int port = FreePorts.below32768();
        Path log = Files.createTempFile("keycloak-", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/kc.sh", "start-dev", "--import-realm",
                "--http-port=" + port, "--http-host=127.0.0.1", "--hostname=http://localhost:" + port)
                .directory(DISTRIBUTION.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", MASTER_ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", MASTER_PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        KeycloakServer server = new KeycloakServer(port, builder.start(), log);
        server.awaitRealm(timeout);
        return server;
    }

    String realm() {
        return "http://localhost:" + port + "/realms/masar";
    }

    String base() {
        return "http://localhost:" + port;
    }

    private void awaitRealm(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped at its start:\n" + tail());
            }
            try {
                HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(URI.create(realm()
                        + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak did not serve the realm within " + timeout + ":\n" + tail());
    }

    String tail() {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops it by its process id: kc.sh passes the signal to Keycloak's JVM; a stuck one is killed. */
    @Override
    public void close() throws Exception {
        ProcessHandle shell = process.toHandle();
        var jvms = shell.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            jvms.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle jvm : jvms) {
            jvm.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
