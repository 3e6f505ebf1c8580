package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What changed in a case between two moments, field by field. */
class StateDiffTest {

    private static final ObjectMapper json = new ObjectMapper();

    @Test
    void listsChangedAddedAndRemovedFieldsByPath() throws Exception {
        var before = json.readTree("""
                {"registration":{"province":"Fès","household":"POOR_HOUSEHOLD"},
                 "enrolments":[{"enrolmentId":"e1","status":"ACTIVE"}]}""");
        var after = json.readTree("""
                {"registration":{"province":"Sefrou"},
                 "enrolments":[{"enrolmentId":"e1","status":"COMPLETED","endedOn":"2010-06-30"}]}""");

        assertThat(StateDiff.between(before, after)).containsExactly(
                new StateDiff.Change("registration.province", "Fès", "Sefrou"),
                new StateDiff.Change("registration.household", "POOR_HOUSEHOLD", null),
                new StateDiff.Change("enrolments[0].status", "ACTIVE", "COMPLETED"),
                new StateDiff.Change("enrolments[0].endedOn", null, "2010-06-30"));
    }

    @Test
    void anEmptyListThatFillsShowsOnlyWhatWasAdded() throws Exception {
        var changes = StateDiff.between(json.readTree("{\"enrolments\":[]}"),
                json.readTree("{\"enrolments\":[{\"enrolmentId\":\"e1\"}]}"));

        assertThat(changes).extracting(StateDiff.Change::kind).containsOnly("added");
    }
}
