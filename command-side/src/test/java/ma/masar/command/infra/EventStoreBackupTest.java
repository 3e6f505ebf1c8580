package ma.masar.command.infra;

import ma.masar.command.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.api.centre.ChangeCentreCapacity;
import ma.masar.api.common.CentreType;
import ma.masar.command.CommandTestApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static ma.masar.command.Samples.centre;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded event store is backed up online and restored by unzipping the backup into a data folder. */
class EventStoreBackupTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOnlineBackupRestoresTheEventsStoredBeforeIt() throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        Path backup;
        try (ConfigurableApplicationContext running = start(dataDir, "health,eventstorebackup")) {
            CommandGateway commands = running.getBean(CommandGateway.class);
            commands.sendAndWait(centre("cef-backup", CentreType.EDUCATION_TRAINING_CENTRE, 10));

            HttpResponse<String> response = postBackup(running);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode answer = new ObjectMapper().readTree(response.body());
            backup = Path.of(answer.path("file").asText());
            assertThat(backup).exists().hasParent(dataDir.toAbsolutePath().resolve("backups"));
            assertThat(answer.path("bytes").asLong()).isEqualTo(Files.size(backup));

            // stored after the backup: not in it
            commands.sendAndWait(new ChangeCentreCapacity("cef-backup", 20, LocalDate.of(2006, 1, 1)));
            assertThat(events(running)).isEqualTo(2);
        }

        Path restored = CommandTestApplication.freshDataDir();
        unzip(backup, restored);
        try (ConfigurableApplicationContext fromBackup = start(restored, "health")) {
            assertThat(events(fromBackup)).isEqualTo(1);
            // the centre loads from the restored store and takes new commands
            fromBackup.getBean(CommandGateway.class)
                      .sendAndWait(new ChangeCentreCapacity("cef-backup", 30, LocalDate.of(2007, 1, 1)));
            assertThat(events(fromBackup)).isEqualTo(2);
        }
    }

    @Test
    void theBackupEndpointIsNotExposedUnlessAnOperatorSaysSo() throws Exception {
        try (ConfigurableApplicationContext running = CommandTestApplication.start(CommandTestApplication.freshDataDir())) {
            assertThat(postBackup(running).statusCode()).isEqualTo(404);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, String exposed) {
        return new SpringApplicationBuilder(CommandTestApplication.class)
                .properties("spring.config.name=masar-command")
                .run("--masar.data-dir=" + dataDir, "--spring.data.mongodb.uri=" + CommandTestApplication.mongoUri(),
                     "--server.port=0", "--management.endpoints.web.exposure.include=" + exposed);
    }

    private HttpResponse<String> postBackup(ConfigurableApplicationContext context) throws Exception {
        String port = context.getEnvironment().getProperty("local.server.port");
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/eventstorebackup"))
                                    .header("Authorization", TestUsers.basic(TestUsers.CLERK))
                                    .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long events(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private static void unzip(Path zip, Path into) throws Exception {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as(entry.getName()).isTrue();
                Files.copy(entries, target);
            }
        }
    }
}
