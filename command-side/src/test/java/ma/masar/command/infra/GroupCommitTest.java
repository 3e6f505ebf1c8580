package ma.masar.command.infra;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.CommandTestApplication;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static ma.masar.command.Samples.centre;
import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitTest {

    @Test
    void aRefusedCommandEndsItsOwnPlanOnlyAndLeavesNoEventWhileTheOtherPlansAreRecorded() throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        try (ConfigurableApplicationContext app = CommandTestApplication.start(dataDir)) {
            GroupCommit groupCommit = app.getBean(GroupCommit.class);
            // a man cannot enrol in an education and training centre: his plan stops there, after his registration
            List<GroupCommit.Outcome> outcomes = groupCommit.run(List.of(
                    plan(centre("cef-group", CentreType.EDUCATION_TRAINING_CENTRE, 10)),
                    plan(person("p-group-1", Sex.FEMALE, LocalDate.of(1990, 1, 1)), enrol("p-group-1", "e1")),
                    plan(person("p-group-2", Sex.MALE, LocalDate.of(1990, 1, 1)), enrol("p-group-2", "e2"),
                         enrol("p-group-2", "e3")),
                    plan(person("p-group-3", Sex.FEMALE, LocalDate.of(1991, 1, 1)), enrol("p-group-3", "e4"))));

            assertThat(outcomes).extracting(GroupCommit.Outcome::sent).containsExactly(1, 2, 1, 2);
            assertThat(outcomes.get(2).refusal()).isInstanceOfSatisfying(
                    RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(Rule.EducationCentresTakeGirlsAndWomen));
            assertThat(outcomes).filteredOn(o -> o != outcomes.get(2)).allMatch(o -> o.refusal() == null);
            JdbcTemplate events = app.getBean(JdbcTemplate.class);
            assertThat(events.queryForList("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                                           String.class, "p-group-2"))
                    .containsExactly("ma.masar.api.beneficiary.BeneficiaryRegistered");
            assertThat(events.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE ?",
                                             Long.class, "%EnrolledInProgramme")).isEqualTo(2);
            // marked as a bulk load, which the search's read model does not list under the loading account
            assertThat(events.queryForList("SELECT metaData FROM DomainEventEntry", byte[].class))
                    .allSatisfy(metaData -> assertThat(new String(metaData, StandardCharsets.UTF_8))
                            .contains("\"bulkLoad\":\"true\""));
        }
    }

    @Test
    void aGroupsEventsAreThereAfterARestartAndACentresRuleHoldsAcrossItsPlans() throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        long stored;
        try (ConfigurableApplicationContext app = CommandTestApplication.start(dataDir)) {
            List<GroupCommit.Outcome> outcomes = app.getBean(GroupCommit.class).run(List.of(
                    plan(centre("cef-restart-group", CentreType.EDUCATION_TRAINING_CENTRE, 1)),
                    plan(person("p-a", Sex.FEMALE, LocalDate.of(1990, 1, 1)), enrol("p-a", "ea", "cef-restart-group")),
                    // the centre's one seat is taken by the first: the centre's rule holds inside a group too
                    plan(person("p-b", Sex.FEMALE, LocalDate.of(1990, 1, 1)), enrol("p-b", "eb", "cef-restart-group"))));
            assertThat(outcomes.get(2).refusal()).isInstanceOfSatisfying(
                    RuleViolation.class, e -> assertThat(e.rule()).isEqualTo(Rule.CentreIsFull));
            stored = app.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        }
        try (ConfigurableApplicationContext again = CommandTestApplication.start(dataDir)) {
            assertThat(again.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry",
                                                                          Long.class)).isEqualTo(stored);
        }
    }

    @Test
    void twoGroupsThatEachHoldACentreTheOtherNeedsAreBothRecordedEachInOneTransaction() throws Exception {
        Path dataDir = CommandTestApplication.freshDataDir();
        try (ConfigurableApplicationContext app = CommandTestApplication.start(dataDir)) {
            GroupCommit groupCommit = app.getBean(GroupCommit.class);
            groupCommit.run(List.of(plan(centre("cef-east", CentreType.EDUCATION_TRAINING_CENTRE, 10)),
                                    plan(centre("cef-west", CentreType.EDUCATION_TRAINING_CENTRE, 10))));
            // each group's second plan waits until both groups hold the centre of their first: each then needs the
            // centre the other holds until it commits
            CyclicBarrier bothHoldOne = new CyclicBarrier(2);
            Set<String> waited = ConcurrentHashMap.newKeySet();
            app.getBean(CommandBus.class).registerHandlerInterceptor((unitOfWork, chain) -> {
                if (unitOfWork.getMessage().getPayload() instanceof EnrolInProgramme enrol
                        && enrol.enrolmentId().endsWith("-second") && waited.add(enrol.enrolmentId())) {
                    bothHoldOne.await(10, TimeUnit.SECONDS);
                }
                return chain.proceed();
            });
            ExecutorService threads = Executors.newFixedThreadPool(2);
            Future<List<GroupCommit.Outcome>> first = threads.submit(() -> groupCommit.run(List.of(
                    plan(person("p-east-1", Sex.FEMALE, LocalDate.of(1990, 1, 1)),
                         enrol("p-east-1", "e-first", "cef-east")),
                    plan(person("p-west-1", Sex.FEMALE, LocalDate.of(1990, 1, 1)),
                         enrol("p-west-1", "e-second", "cef-west")))));
            Future<List<GroupCommit.Outcome>> second = threads.submit(() -> groupCommit.run(List.of(
                    plan(person("p-west-2", Sex.FEMALE, LocalDate.of(1990, 1, 1)),
                         enrol("p-west-2", "w-first", "cef-west")),
                    plan(person("p-east-2", Sex.FEMALE, LocalDate.of(1990, 1, 1)),
                         enrol("p-east-2", "w-second", "cef-east")))));
            List<GroupCommit.Outcome> outcomes = new ArrayList<>(first.get(30, TimeUnit.SECONDS));
            outcomes.addAll(second.get(30, TimeUnit.SECONDS));
            threads.shutdown();

            assertThat(outcomes).allSatisfy(outcome -> {
                assertThat(outcome.refusal()).isNull();
                assertThat(outcome.sent()).isEqualTo(2);
            });
            JdbcTemplate events = app.getBean(JdbcTemplate.class);
            assertThat(events.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE ?",
                                             Long.class, "%EnrolledInProgramme")).isEqualTo(4);
            // one of them met the other's lock, rolled back and ran again as a group, not one command at a time;
            // Axon's deadlock check runs in each waiting thread, so both can see the cycle at once and both run again
            // (after a random wait, which makes a second meeting rare but not impossible)
            MeterRegistry meters = app.getBean(MeterRegistry.class);
            assertThat(meters.counter(GroupCommit.CONFLICTS, "then", "together").count()).isGreaterThanOrEqualTo(1.0);
            assertThat(meters.counter(GroupCommit.CONFLICTS, "then", "alone").count()).isZero();
        }
    }

    private static EnrolInProgramme enrol(String person, String enrolment) {
        return enrol(person, enrolment, "cef-group");
    }

    private static EnrolInProgramme enrol(String person, String enrolment, String centre) {
        return new EnrolInProgramme(person, enrolment, centre, ProgrammeType.EDUCATION_TRAINING,
                                    LocalDate.of(2010, 2, 1), null);
    }

    private static List<CommandMessage<?>> plan(Object... commands) {
        return List.of(commands).stream().<CommandMessage<?>>map(GenericCommandMessage::asCommandMessage).toList();
    }
}
