package ma.masar.command.infra;

import java.nio.file.Path;

import ma.masar.api.common.CentreType;
import ma.masar.command.CommandTestApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static ma.masar.command.Samples.centre;
import static org.assertj.core.api.Assertions.assertThat;

/** The event store's global index is handed out from a reserve of 1,000, and a clean stop leaves no gap in it. */
class GlobalIndexReserveTest {

    @Test
    void theIndexReserveIsLargeAndACleanStopLeavesNoGap() throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        try (ConfigurableApplicationContext app = CommandTestApplication.start(dataDir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            commands.sendAndWait(centre("cef-reserve-1", CentreType.EDUCATION_TRAINING_CENTRE, 10));
            commands.sendAndWait(centre("cef-reserve-2", CentreType.EDUCATION_TRAINING_CENTRE, 10));
            assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'DOMAINEVENTENTRY'"
                    + " AND COLUMN_NAME = 'GLOBALINDEX'", Long.class)).isEqualTo(1000);
        }
        try (ConfigurableApplicationContext again = CommandTestApplication.start(dataDir)) {
            again.getBean(CommandGateway.class)
                 .sendAndWait(centre("cef-reserve-3", CentreType.EDUCATION_TRAINING_CENTRE, 10));
            assertThat(again.getBean(JdbcTemplate.class).queryForList(
                    "SELECT globalIndex FROM DomainEventEntry ORDER BY globalIndex", Long.class))
                    .containsExactly(1L, 2L, 3L);
        }
    }
}
