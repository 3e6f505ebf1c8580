package ma.masar.command;

import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.LocalDate;

import static ma.masar.command.Samples.centre;
import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded event store is a file: stop the application, start it again, and everything is there. */
class RestartTest {

    @Test
    void eventsSurviveARestartAndAggregatesStillLoad() throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        long stored;
        try (ConfigurableApplicationContext first = CommandTestApplication.start(dataDir)) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(centre("cef-restart", CentreType.EDUCATION_TRAINING_CENTRE, 1));
            commands.sendAndWait(person("p-restart-1", Sex.FEMALE, LocalDate.of(1990, 1, 1)));
            commands.sendAndWait(new EnrolInProgramme("p-restart-1", "e1", "cef-restart",
                    ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 2, 1), null));
            stored = count(first);
            assertThat(stored).isEqualTo(4);
        }
        try (ConfigurableApplicationContext second = CommandTestApplication.start(dataDir)) {
            assertThat(count(second)).isEqualTo(stored);
            CommandGateway commands = second.getBean(CommandGateway.class);
            commands.sendAndWait(person("p-restart-2", Sex.FEMALE, LocalDate.of(1991, 1, 1)));
            // the centre was loaded from the file: its one seat is still taken
            assertThatThrownBy(() -> commands.sendAndWait(new EnrolInProgramme("p-restart-2", "e2", "cef-restart",
                    ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 2, 1), null)))
                    .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(Rule.CentreIsFull));
            // and the first person's case too: a second active enrolment in the programme is refused
            assertThatThrownBy(() -> commands.sendAndWait(new EnrolInProgramme("p-restart-1", "e3", "cef-restart",
                    ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 2, 1), null)))
                    .isInstanceOfSatisfying(RuleViolation.class,
                            e -> assertThat(e.rule()).isEqualTo(Rule.AlreadyActiveInProgramme));
        }
    }

    private static long count(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }
}
