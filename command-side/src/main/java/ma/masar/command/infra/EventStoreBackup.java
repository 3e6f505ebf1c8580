package ma.masar.command.infra;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An online backup of the embedded event store: {@code POST /actuator/eventstorebackup} has H2 write a consistent
 * copy of the running database ({@code BACKUP TO}) to {@code <masar.data-dir>/backups/events-<time>.zip} while
 * commands go on. The H2 file is opened by this process alone, so the backup has to be taken from inside it.
 * <p>
 * Not exposed over HTTP unless an operator adds {@code eventstorebackup} to
 * {@code management.endpoints.web.exposure.include}. It takes no input: the target folder and name are fixed, so
 * nobody can make the server write elsewhere. Restore: stop the application, unzip the file into the data folder
 * (it holds {@code events.mv.db}), start. Under the {@code axonserver} profile there is no H2 and no such endpoint:
 * Axon Server has its own backup API (docs/OPERATIONS.md).
 */
@Component
@Profile("!axonserver")
@Endpoint(id = "eventstorebackup")
public class EventStoreBackup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final JdbcTemplate jdbc;
    private final Path backups;
    private final Clock clock;

    EventStoreBackup(DataSource dataSource, @Value("${masar.data-dir:./data}") String dataDir, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.backups = Path.of(dataDir).toAbsolutePath().normalize().resolve("backups");
        this.clock = clock;
    }

    @WriteOperation
    public Map<String, Object> backup() throws IOException {
        Files.createDirectories(backups);
        Path file = backups.resolve("events-" + LocalDateTime.now(clock).format(STAMP) + ".zip");
        for (int n = 2; Files.exists(file); n++) {
            file = backups.resolve("events-" + LocalDateTime.now(clock).format(STAMP) + "-" + n + ".zip");
        }
        // the path is built here, never taken from a request; quotes doubled for the SQL string literal
        jdbc.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", file.toString());
        result.put("bytes", Files.size(file));
        return result;
    }
}
