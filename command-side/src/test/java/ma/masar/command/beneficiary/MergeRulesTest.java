package ma.masar.command.beneficiary;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.BeneficiariesMerged;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.DifferentPersonStated;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.MergeBeneficiaries;
import ma.masar.api.beneficiary.MergeUndone;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.UndoMerge;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.CaseFixture;
import ma.masar.command.infra.CommandAxonConfiguration;
import ma.masar.personal.EmbeddedPersonalDataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ma.masar.command.Samples.centre;
import static ma.masar.command.Samples.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Before registering (the statement that the person is someone else), merging two records, undoing it. */
class MergeRulesTest {

    private static final LocalDate BORN = LocalDate.of(1990, 5, 5);

    private CaseFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = CaseHandlers.fixture(
                new EmbeddedPersonalDataKeys("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"),
                configurer -> configurer.configureCommandBus(c -> {
                    SimpleCommandBus bus = SimpleCommandBus.builder().build();
                    bus.registerHandlerInterceptor(new MergedRecords(() -> c.repository(Beneficiary.class)));
                    return bus;
                }));
        fixture.given(person("p1", Sex.FEMALE, BORN), person("p2", Sex.FEMALE, BORN));
    }

    @AfterEach
    void tearDown() {
        fixture.stop();
    }

    @Test
    void registeringAnywayRecordsTheStatementWithTheRegistration() {
        RegisterBeneficiary plain = person("p3", Sex.FEMALE, BORN);
        List<Object> events = fixture.when(new RegisterBeneficiary("p3", plain.personal(), plain.sex(), plain.region(),
                plain.province(), plain.household(), plain.registeredOn(), List.of("p1", "p2", "p1")));
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(BeneficiaryRegistered.class);
        assertThat(events.get(1)).isEqualTo(new DifferentPersonStated("p3", List.of("p1", "p2"), plain.registeredOn()));
        assertThat(fixture.eventsOf("p3")).hasSize(2);
    }

    @Test
    void aRegistrationShownNoMatchStatesNothing() {
        assertThat(fixture.when(person("p3", Sex.FEMALE, BORN))).singleElement()
                .isInstanceOf(BeneficiaryRegistered.class);
    }

    @Test
    void aStatementAboutAnUnknownCaseIsRefusedAndNothingIsRegistered() {
        RegisterBeneficiary plain = person("p3", Sex.FEMALE, BORN);
        fixture.whenRefused(new RegisterBeneficiary("p3", plain.personal(), plain.sex(), plain.region(),
                plain.province(), plain.household(), plain.registeredOn(), List.of("p1", "nobody")),
                Rule.BeneficiaryNotFound);
        assertThat(fixture.eventsOf("p3")).isEmpty();
    }

    @Test
    void aMergeIsRecordedOnBothRecordsInOneUnitOfWork() {
        List<Object> events = fixture.when(new MergeBeneficiaries("p1", "p2", "same birth certificate"));
        LocalDate today = CaseFixture.TODAY;
        assertThat(events).containsExactly(
                new BeneficiariesMerged("p1", "p1", "p2", "same birth certificate", today),
                new BeneficiariesMerged("p2", "p1", "p2", "same birth certificate", today));
        assertThat(fixture.eventsOf("p1")).last().extracting(e -> e.getPayload()).isEqualTo(events.get(0));
        assertThat(fixture.eventsOf("p2")).last().extracting(e -> e.getPayload()).isEqualTo(events.get(1));
    }

    @Test
    void aCommandOnTheDuplicateIsRefusedNamingTheSurvivor() {
        fixture.given(new MergeBeneficiaries("p1", "p2", "same birth certificate"));
        fixture.whenRefused(new AddCaseNote("p2", "n1", "seen today", CaseFixture.TODAY), Rule.BeneficiaryMerged);
        assertThatThrownBy(() -> fixture.send(new AddCaseNote("p2", "n1", "seen today", CaseFixture.TODAY)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.broken().arguments()).containsEntry("survivorId", "p1"));
        // the survivor takes the person's facts
        assertThat(fixture.when(new AddCaseNote("p1", "n1", "seen today", CaseFixture.TODAY)))
                .singleElement().isInstanceOf(CaseNoteAdded.class);
    }

    @Test
    void mergesDoNotChainAndARecordIsNotMergedIntoItself() {
        fixture.given(person("p3", Sex.FEMALE, BORN), new MergeBeneficiaries("p1", "p2", "same birth certificate"));
        fixture.whenRefused(new MergeBeneficiaries("p1", "p1", "same person"), Rule.CannotMergeWithItself);
        // the duplicate again, into another record: refused naming where it went
        fixture.whenRefused(new MergeBeneficiaries("p3", "p2", "same person"), Rule.BeneficiaryMerged);
        // a duplicate as survivor
        fixture.whenRefused(new MergeBeneficiaries("p2", "p3", "same person"), Rule.BeneficiaryMerged);
        // a survivor as someone else's duplicate: merge into it instead
        fixture.whenRefused(new MergeBeneficiaries("p3", "p1", "same person"), Rule.DuplicateHoldsMergedRecords);
        assertThat(fixture.when(new MergeBeneficiaries("p1", "p3", "same person"))).hasSize(2);
    }

    @Test
    void undoingAMergeMakesTwoPeopleAgain() {
        fixture.given(new MergeBeneficiaries("p1", "p2", "same birth certificate"));
        List<Object> events = fixture.when(new UndoMerge("p2", "different mothers"));
        assertThat(events).containsExactly(
                new MergeUndone("p1", "p1", "p2", "different mothers", CaseFixture.TODAY),
                new MergeUndone("p2", "p1", "p2", "different mothers", CaseFixture.TODAY));
        assertThat(fixture.when(new AddCaseNote("p2", "n2", "seen today", CaseFixture.TODAY))).hasSize(1);
        fixture.whenRefused(new UndoMerge("p2", "again"), Rule.NotMerged);
        fixture.whenRefused(new UndoMerge("p1", "never merged"), Rule.NotMerged);
    }

    @Test
    void aWorkerMergesOnlyCasesSheFollowsBoth() {
        fixture.given(centre("CEF-1", CentreType.EDUCATION_TRAINING_CENTRE, 10),
                centre("CEF-2", CentreType.EDUCATION_TRAINING_CENTRE, 10),
                new EnrolInProgramme("p1", "e1", "CEF-1", ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 2, 1), null),
                new EnrolInProgramme("p2", "e2", "CEF-2", ProgrammeType.EDUCATION_TRAINING, LocalDate.of(2010, 2, 1), null));
        MetaData ofCentreOne = MetaData.with(Actor.META_CENTRES, "CEF-1")
                .and(CommandAxonConfiguration.USER_ID, "worker");
        int before = fixture.allEvents().size();
        assertThatThrownBy(() -> fixture.gateway().sendAndWait(GenericCommandMessage.asCommandMessage(
                new MergeBeneficiaries("p1", "p2", "same person")).andMetaData(ofCentreOne)))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.OutsideYourCentres));
        assertThat(fixture.allEvents()).hasSize(before);
        MetaData ofBoth = MetaData.from(Map.of(Actor.META_CENTRES, "CEF-1,CEF-2",
                CommandAxonConfiguration.USER_ID, "worker"));
        fixture.gateway().sendAndWait(GenericCommandMessage.asCommandMessage(
                new MergeBeneficiaries("p1", "p2", "same person")).andMetaData(ofBoth));
        assertThat(fixture.allEvents()).hasSize(before + 2);
        // undoing needs both too
        assertThatThrownBy(() -> fixture.gateway().sendAndWait(GenericCommandMessage.asCommandMessage(
                new UndoMerge("p2", "not the same")).andMetaData(MetaData.with(Actor.META_CENTRES, "CEF-2"))))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo(Rule.OutsideYourCentres));
        assertThat(fixture.allEvents()).hasSize(before + 2);
    }
}
