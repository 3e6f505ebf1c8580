package ma.masar.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Masar in one JVM: the command side, the query side, the UI and the demo data, with real stand-ins for
 * the production servers: Axon's JDBC event store on an H2 file instead of Axon Server, and an
 * in-process MongoDB wire-protocol server (mongo-java-server) instead of MongoDB.
 */
@SpringBootApplication(scanBasePackages = {"ma.masar.command", "ma.masar.query", "ma.masar.embedded"})
public class MasarApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(MasarApplication.class, args);
    }
}
