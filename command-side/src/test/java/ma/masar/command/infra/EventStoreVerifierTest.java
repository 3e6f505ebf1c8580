package ma.masar.command.infra;

import ma.masar.api.audit.EventStoreVerified;
import ma.masar.api.audit.EventStoreVerified.Problem;
import ma.masar.api.audit.VerifyEventStore;
import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.command.CommandTestApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import static ma.masar.command.Samples.centre;
import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;

/** An auditor's proof that the stored history is the recorded one: tampering in the database is found and named. */
class EventStoreVerifierTest {

    @Test
    void aCleanStoreVerifiesAndEveryTamperingIsNamed() throws Exception {
        try (ConfigurableApplicationContext app = CommandTestApplication.start(CommandTestApplication.freshDataDir())) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            QueryGateway queries = app.getBean(QueryGateway.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            commands.sendAndWait(centre("cef-v", CentreType.EDUCATION_TRAINING_CENTRE, 10));
            commands.sendAndWait(person("p-v", Sex.FEMALE, LocalDate.of(1990, 1, 1)));
            commands.sendAndWait(new EnrolInProgramme("p-v", "e-v", "cef-v", ProgrammeType.EDUCATION_TRAINING,
                    LocalDate.of(2010, 2, 1), null));
            commands.sendAndWait(new AddCaseNote("p-v", "n-1", "Visite à domicile", LocalDate.of(2010, 2, 2)));
            commands.sendAndWait(new AddCaseNote("p-v", "n-2", "Deuxième visite", LocalDate.of(2010, 2, 3)));

            EventStoreVerified clean = queries.query(new VerifyEventStore(), EventStoreVerified.class).get();
            assertThat(clean.supported()).isTrue();
            assertThat(clean.checked()).isEqualTo(6);
            assertThat(clean.broken()).isEmpty();

            // an insider rewrites the enrolment's date in the stored payload
            String enrolment = jdbc.queryForObject("SELECT eventIdentifier FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = 'p-v' AND sequenceNumber = 1", String.class);
            byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE eventIdentifier = ?",
                    byte[].class, enrolment);
            byte[] edited = new String(payload, StandardCharsets.UTF_8).replace("2010-02-01", "2010-01-01")
                    .getBytes(StandardCharsets.UTF_8);
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE eventIdentifier = ?", edited, enrolment);
            // ... deletes the first note and the centre's opening
            String firstNote = jdbc.queryForObject("SELECT eventIdentifier FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = 'p-v' AND sequenceNumber = 2", String.class);
            jdbc.update("DELETE FROM DomainEventEntry WHERE eventIdentifier = ?", firstNote);
            String lastNote = jdbc.queryForObject("SELECT eventIdentifier FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = 'p-v' AND sequenceNumber = 3", String.class);
            jdbc.update("DELETE FROM DomainEventEntry WHERE eventIdentifier = ?", lastNote);

            EventStoreVerified tampered = queries.query(new VerifyEventStore(), EventStoreVerified.class).get();
            assertThat(tampered.broken()).anySatisfy(b -> {
                assertThat(b.problem()).isEqualTo(Problem.EDITED);
                assertThat(b.eventIdentifier()).isEqualTo(enrolment);
            });
            assertThat(tampered.broken()).anySatisfy(b -> {
                assertThat(b.problem()).isEqualTo(Problem.REMOVED);
                assertThat(b.eventIdentifier()).isEqualTo(firstNote);
            });
            assertThat(tampered.broken()).anySatisfy(b -> {
                assertThat(b.problem()).isEqualTo(Problem.REMOVED);
                assertThat(b.eventIdentifier()).isEqualTo(lastNote);
            });
            assertThat(tampered.broken()).noneSatisfy(b -> assertThat(b.aggregateIdentifier()).isEqualTo("cef-v"));
        }
    }

    @Test
    void aStoreWrittenBeforeTheChainWasKeyedByEventKeepsItsChainAndGoesOnFromIt() throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        String enrolment;
        long before;
        try (ConfigurableApplicationContext app = CommandTestApplication.start(dataDir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            commands.sendAndWait(centre("cef-old", CentreType.EDUCATION_TRAINING_CENTRE, 10));
            commands.sendAndWait(person("p-old", Sex.FEMALE, LocalDate.of(1990, 1, 1)));
            commands.sendAndWait(new EnrolInProgramme("p-old", "e-old", "cef-old", ProgrammeType.EDUCATION_TRAINING,
                    LocalDate.of(2010, 2, 1), null));
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            enrolment = jdbc.queryForObject("SELECT eventIdentifier FROM DomainEventEntry "
                    + "WHERE aggregateIdentifier = 'p-old' AND sequenceNumber = 1", String.class);
            // the file as the releases before 2026-12-07 wrote it: the chain keyed by aggregate, in hexadecimal text
            jdbc.execute("CREATE TABLE EventHashChain (aggregateIdentifier VARCHAR(255) NOT NULL, "
                    + "sequenceNumber BIGINT NOT NULL, eventIdentifier VARCHAR(255) NOT NULL, prevHash CHAR(64) NOT NULL, "
                    + "hash CHAR(64) NOT NULL, PRIMARY KEY (aggregateIdentifier, sequenceNumber))");
            jdbc.update("INSERT INTO EventHashChain SELECT aggregateIdentifier, sequenceNumber, eventIdentifier, "
                    + "LOWER(RAWTOHEX(prevHash)), LOWER(RAWTOHEX(hash)) FROM EventHash");
            jdbc.update("DELETE FROM EventHash");
            before = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        }
        try (ConfigurableApplicationContext app = CommandTestApplication.start(dataDir)) {
            app.getBean(CommandGateway.class)
               .sendAndWait(new AddCaseNote("p-old", "n-old", "Visite à domicile", LocalDate.of(2010, 2, 2)));
            QueryGateway queries = app.getBean(QueryGateway.class);
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);

            EventStoreVerified verified = queries.query(new VerifyEventStore(), EventStoreVerified.class).get();
            assertThat(verified.checked()).isEqualTo(before + 1);
            assertThat(verified.broken()).isEmpty();
            // the note's link is in the new table, the links before it where they were written
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM EventHash", Long.class)).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM EventHashChain", Long.class)).isEqualTo(before);

            byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE eventIdentifier = ?",
                    byte[].class, enrolment);
            jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE eventIdentifier = ?",
                    new String(payload, StandardCharsets.UTF_8).replace("2010-02-01", "2010-01-01")
                            .getBytes(StandardCharsets.UTF_8), enrolment);
            assertThat(queries.query(new VerifyEventStore(), EventStoreVerified.class).get().broken())
                    .singleElement().satisfies(b -> {
                        assertThat(b.problem()).isEqualTo(Problem.EDITED);
                        assertThat(b.eventIdentifier()).isEqualTo(enrolment);
                    });
        }
    }
}
