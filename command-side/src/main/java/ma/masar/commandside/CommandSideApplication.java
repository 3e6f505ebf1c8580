package ma.masar.commandside;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The command side as its own service (production, profile {@code axonserver}). Lives outside
 * {@code ma.masar.command} so that the embedded application, which scans that package, does not pick
 * it up as a second application.
 */
@SpringBootApplication(scanBasePackages = "ma.masar.command")
public class CommandSideApplication {

    public static void main(String[] args) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=masar-command")
                .run(args);
    }
}
