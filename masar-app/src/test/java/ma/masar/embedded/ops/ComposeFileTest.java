package ma.masar.embedded.ops;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The production compose file, checked as far as it can be without a Docker engine: docker-compose validates it
 * ({@code ops/check-compose.sh}), and the promises docs/OPERATIONS.md makes about it hold.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..");
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        assumeTrue(onPath("docker-compose"), "docker-compose is not installed (CI installs it; so does the script)");
        Process check = new ProcessBuilder("bash", "ops/check-compose.sh")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
        assertThat(output).contains("docker-compose.yml is valid");
    }

    @Test
    void everyImageIsPinnedAndEveryServiceHasAHealthCheck() throws IOException {
        Map<String, Map<String, Object>> services = services();
        assertThat(services.keySet()).contains("axonserver", "mongodb", "command-side", "query-side", "keycloak",
                "prometheus", "grafana");
        services.forEach((name, service) -> {
            String image = (String) service.get("image");
            assertThat(image).as(name).isNotNull().contains(":").doesNotEndWith(":latest");
            // the two Masar images carry their HEALTHCHECK in their Dockerfile
            boolean built = service.containsKey("build");
            assertThat(built || service.containsKey("healthcheck")).as(name + " has a health check").isTrue();
        });
        for (String side : List.of("command-side", "query-side")) {
            String dockerfile = Files.readString(ROOT.resolve(side).resolve("Dockerfile"));
            assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre", "HEALTHCHECK", "/actuator/health",
                    "--spring.profiles.active=axonserver", "USER masar", "-exec.jar");
        }
    }

    @Test
    void theServicesWaitForAHealthyAxonServerAndMongoReplicaSet() throws IOException {
        Map<String, Map<String, Object>> services = services();
        assertThat(String.join(" ", strings(services.get("mongodb").get("command")))).contains("--replSet rs0");
        for (String side : List.of("command-side", "query-side")) {
            Map<String, Object> service = services.get(side);
            Map<String, Map<String, String>> dependsOn = cast(service.get("depends_on"));
            assertThat(dependsOn.get("axonserver")).containsEntry("condition", "service_healthy");
            assertThat(dependsOn.get("mongodb")).containsEntry("condition", "service_healthy");
            Map<String, Object> environment = cast(service.get("environment"));
            assertThat((String) environment.get("MONGODB_URI")).contains("replicaSet=rs0");
            assertThat((String) environment.get("AXONSERVER_SERVERS")).isEqualTo("axonserver:8124");
            assertThat(environment).containsEntry("AXON_METRICS_MICROMETER_DIMENSIONAL", "true");
        }
    }

    @Test
    void theQuerySideCanBeScaled() throws IOException {
        Map<String, Object> querySide = services().get("query-side");
        // a fixed container name or a single fixed host port would make --scale query-side=2 fail
        assertThat(querySide).doesNotContainKey("container_name");
        for (String port : strings(querySide.getOrDefault("ports", List.of()))) {
            String[] parts = port.split(":");
            assertThat(parts.length == 1 || parts[parts.length - 2].contains("-"))
                    .as("query-side port %s: no host port, or a range", port).isTrue();
        }
        // and Prometheus finds every instance through Docker's DNS rather than one fixed target
        String prometheus = Files.readString(ROOT.resolve("ops/prometheus/prometheus.yml"));
        assertThat(prometheus).contains("names: [query-side]", "port: 8082", "names: [command-side]", "port: 8081",
                "metrics_path: /actuator/prometheus");
    }

    private static Map<String, Map<String, Object>> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return cast(compose.get("services"));
        }
    }

    private static List<String> strings(Object value) {
        List<Object> list = cast(value);
        return list.stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
