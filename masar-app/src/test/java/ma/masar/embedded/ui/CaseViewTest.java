package ma.masar.embedded.ui;

import ma.masar.api.query.CaseTimeline;
import ma.masar.api.query.TimelineEntry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case page's enrolment table, folded from the timeline: a merged record's enrolments are in it, marked with the
 * record, while the timeline holds them (the merge stands); the person stays this case's registration.
 */
class CaseViewTest {

    @Test
    void aMergedRecordsEnrolmentsAreListedMarkedAndItsRegistrationIsNotThisCases() {
        CaseView view = CaseView.of("survivor", new CaseTimeline("survivor", "fr", List.of(
                entry("BeneficiaryRegistered", "2010-01-05", null, Map.of("region", "FES_MEKNES", "sex", "FEMALE")),
                entry("BeneficiaryRegistered", "2010-01-06", "duplicate", Map.of("region", "ORIENTAL", "sex", "FEMALE")),
                entry("EnrolledInProgramme", "2010-02-01", null, Map.of("enrolmentId", "own", "programme", "EDUCATION_TRAINING")),
                entry("EnrolledInProgramme", "2010-03-01", "duplicate", Map.of("enrolmentId", "theirs", "programme", "LITERACY")),
                entry("EnrolmentCompleted", "2010-06-30", "duplicate", Map.of("enrolmentId", "theirs")),
                entry("BeneficiariesMerged", "2010-07-01", null, Map.of("survivorId", "survivor", "duplicateId", "duplicate")))));

        assertThat(view.registered("region")).isEqualTo("FES_MEKNES");
        assertThat(view.enrolments()).extracting(CaseView.Enrolment::enrolmentId).containsExactly("theirs", "own");
        CaseView.Enrolment theirs = view.enrolments().get(0);
        assertThat(theirs.merged()).isTrue();
        assertThat(theirs.mergedFrom()).isEqualTo("duplicate");
        assertThat(theirs.status()).isEqualTo("COMPLETED");
        assertThat(theirs.endedOn()).isEqualTo("2010-06-30");
        assertThat(view.enrolments().get(1).merged()).isFalse();
    }

    @Test
    void onceTheMergeIsUndoneTheTimelineNoLongerHoldsThemAndNeitherDoesTheTable() {
        CaseView view = CaseView.of("survivor", new CaseTimeline("survivor", "fr", List.of(
                entry("BeneficiaryRegistered", "2010-01-05", null, Map.of("region", "FES_MEKNES")),
                entry("EnrolledInProgramme", "2010-02-01", null, Map.of("enrolmentId", "own", "programme", "LITERACY")),
                entry("BeneficiariesMerged", "2010-07-01", null, Map.of("survivorId", "survivor", "duplicateId", "duplicate")),
                entry("MergeUndone", "2010-07-02", null, Map.of("survivorId", "survivor", "duplicateId", "duplicate")))));

        assertThat(view.enrolments()).extracting(CaseView.Enrolment::enrolmentId).containsExactly("own");
        assertThat(view.mergedRecords()).isEmpty();
    }

    private static int sequence;

    private static TimelineEntry entry(String type, String on, String mergedFrom, Map<String, Object> details) {
        Map<String, Object> d = new HashMap<>(details);
        if (mergedFrom != null) {
            d.put("mergedFrom", mergedFrom);
        }
        return new TimelineEntry("e" + sequence++, type, LocalDate.parse(on), Instant.parse(on + "T10:00:00Z"), "worker",
                "centre-1", false, null, List.of(), type, d);
    }
}
