package ma.masar.queryside;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The query side as a service of its own (with Axon Server in production). It lives outside {@code ma.masar.query} so
 * that the embedded application, which scans {@code ma.masar.query}, does not pick up a second application class.
 * Its settings are in {@code masar-query.yml}, not {@code application.yml}, for the same reason: in the embedded JVM
 * both sides share one classpath.
 */
@SpringBootApplication(scanBasePackages = "ma.masar.query")
public class QuerySideApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(QuerySideApplication.class)
                .properties("spring.config.name=masar-query",
                            "spring.profiles.default=axonserver",
                            "server.port=${SERVER_PORT:8082}")
                .run(args);
    }
}
