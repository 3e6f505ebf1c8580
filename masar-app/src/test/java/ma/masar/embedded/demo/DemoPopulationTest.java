package ma.masar.embedded.demo;

import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.partnership.SignPartnership;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full 2010 plan, without sending it: every figure the agency published is what the generator's commands
 * add up to (the counts read model counts exactly these commands' events).
 */
class DemoPopulationTest {

    @Test
    void theFull2010PlanAddsUpToThePublishedFigures() {
        DemoPopulation population = new DemoPopulation(1.0, 2010L);
        Map<ProgrammeType, Integer> enrolledIn2010 = new EnumMap<>(ProgrammeType.class);
        Set<String> people = new HashSet<>();
        Set<String> nationalIds = new HashSet<>();
        int[] moves = {0};
        population.forEachCase(plan -> plan.commands().forEach(command -> {
            if (command instanceof RegisterBeneficiary register) {
                assertThat(people.add(register.beneficiaryId())).isTrue();
                if (register.personal().nationalId() != null) {
                    assertThat(nationalIds.add(register.personal().nationalId())).as("national IDs are unique").isTrue();
                }
            } else if (command instanceof EnrolInProgramme enrol) {
                assertThat(enrol.enrolledOn().getYear()).isEqualTo(2010);
                enrolledIn2010.merge(enrol.programme(), 1, Integer::sum);
            } else if (command instanceof MoveToApprenticeship move) {
                assertThat(move.contractDate().getYear()).isEqualTo(2010);
                moves[0]++;
            }
        }));
        assertThat(people).hasSize(284_366);
        assertThat(enrolledIn2010).containsEntry(ProgrammeType.EDUCATION_TRAINING, 106_637)
                .containsEntry(ProgrammeType.SOCIAL_CARE, 67_860)
                .containsEntry(ProgrammeType.PRESCHOOL, 20_668)
                .containsEntry(ProgrammeType.CITIZEN_HOUSE, 16_419)
                .containsEntry(ProgrammeType.DISABILITY_SUPPORT, 7_709);
        assertThat(moves[0]).isEqualTo(9_000);

        Map<CentreType, Integer> centres = new EnumMap<>(CentreType.class);
        population.centres().forEach(c -> c.commands().stream().filter(OpenCentre.class::isInstance)
                .map(OpenCentre.class::cast).forEach(open -> centres.merge(open.type(), 1, Integer::sum)));
        assertThat(centres).containsEntry(CentreType.EDUCATION_TRAINING_CENTRE, 1_079)
                .containsEntry(CentreType.SOCIAL_CARE_INSTITUTION, 925)
                .containsEntry(CentreType.KINDERGARTEN, 583)
                .containsEntry(CentreType.CITIZEN_HOUSE, 55)
                .containsEntry(CentreType.DISABILITY_CENTRE, 27);

        var agreements = population.partnerships();
        assertThat(agreements.stream().filter(a -> a.signedOn().getYear() == 2010)).hasSize(190);
        assertThat(agreements.stream().map(SignPartnership::partnerId).distinct()).hasSize(2_785);
    }

    /**
     * The load sends 40 plans of one centre in one transaction, as groups fill: people recorded one after another
     * must have ids that sort one after another, so that the read models and the event store's index add to the
     * same few pages (as the ids of people registered one after another do), not to pages anywhere.
     */
    @Test
    void peopleGetIdsThatSortInTheOrderTheLoadRecordsThem() {
        int groupSize = 40;
        Map<String, List<String>> gathering = new LinkedHashMap<>();
        List<List<String>> sent = new ArrayList<>();
        List<String> generated = new ArrayList<>();
        new DemoPopulation(0.1, 2010L).forEachCase(groupSize, plan -> {
            RegisterBeneficiary register = (RegisterBeneficiary) plan.commands().get(0);
            generated.add(register.beneficiaryId());
            String centre = plan.commands().stream().filter(EnrolInProgramme.class::isInstance)
                    .map(c -> ((EnrolInProgramme) c).centreId()).findFirst().orElseThrow();
            List<String> group = gathering.computeIfAbsent(centre, c -> new ArrayList<>());
            group.add(register.beneficiaryId());
            if (group.size() == groupSize) {
                sent.add(gathering.remove(centre));
            }
        });
        assertThat(sent).hasSizeGreaterThan(500);
        String previous = "";
        for (List<String> group : sent) {
            for (String id : group) {
                assertThat(UUID.fromString(id).version()).isEqualTo(7);
                assertThat(id).as("ids in the order they are sent").isGreaterThan(previous);
                previous = id;
            }
        }
        // and with the same seed, the same ids
        List<String> again = new ArrayList<>();
        new DemoPopulation(0.1, 2010L).forEachCase(groupSize,
                plan -> again.add(((RegisterBeneficiary) plan.commands().get(0)).beneficiaryId()));
        assertThat(again).isEqualTo(generated);
    }
}
