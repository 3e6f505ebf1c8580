package ma.masar.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import ma.masar.query.InMemoryReadStore;
import ma.masar.query.infra.DocumentChanges;
import ma.masar.query.infra.EventPosition;
import ma.masar.query.infra.StreamPosition;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A centre's roster gathers the enrolments of many cases. Events that commit late, together (a group commit of an
 * import), arrive with the index of the higher events handled before them; each must reach the roster once, whether
 * they fall into one batch or two, and a batch handled again after a crash must change nothing (RELIABILITY.md, bug 12).
 */
class CaseloadWritesTest {

    private static final String CENTRE = "CEF-SEFROU";
    /** An enrolment handled while 9620 and 9621 (one group commit, still committing) were gaps. */
    private static final EventPosition ENROLMENT_AT_9650 =
            new EventPosition(new StreamPosition(9650, Set.of(9620L, 9621L)), 9650);
    /** Then they commit: both come with the index 9650, each filling its gap. */
    private static final EventPosition LATE_9620 = new EventPosition(new StreamPosition(9650, Set.of(9621L)), 9620);
    private static final EventPosition LATE_9621 = new EventPosition(new StreamPosition(9650, Set.of()), 9621);

    @RegisterExtension
    final InMemoryReadStore readStore = new InMemoryReadStore();

    private CaseloadDocuments documents;

    @BeforeEach
    void openTheCollection() {
        documents = new CaseloadDocuments(readStore.database());
    }

    /** One batch each: the two late ones fall into two batches. */
    @Test
    void lateEnrolmentsOfTwoCasesSplitOverTwoBatchesBothJoinTheRoster() {
        enrol("b-1", EventPosition.at(9601));
        enrol("b-2", ENROLMENT_AT_9650);
        enrol("b-3", LATE_9620);
        enrol("b-4", LATE_9621);

        assertThat(roster()).containsExactlyInAnyOrder("b-1", "b-2", "b-3", "b-4");
    }

    @Test
    void aBatchHandledAgainAfterACrashChangesNothing() {
        enrol("b-2", ENROLMENT_AT_9650);
        enrol("b-3", LATE_9620);
        enrol("b-4", LATE_9621);

        // the last two again, in one batch, as after a kill before the processor stored its token
        CaseloadWrites again = new CaseloadWrites(documents);
        again.change(CaseloadDocuments.CENTRES, CENTRE, LATE_9620, CaseloadWritesTest::counted);
        again.change(CaseloadDocuments.CENTRES, CENTRE, LATE_9621, CaseloadWritesTest::counted);
        again.write();

        assertThat(roster()).containsExactlyInAnyOrder("b-2", "b-3", "b-4");
        assertThat(stored().getInteger("changes")).as("changes applied again").isNull();
    }

    /**
     * b-5's enrolment here (9640) was handled while 9620 and 9621 were gaps; then 9620, b-3's enrolment here,
     * committed and was handled in the same batch, and the process was killed before the processor stored its token.
     * Read again after the restart, 9621 (an enrolment at another centre) has committed too, and every event comes at
     * its own index, in order. The roster has both and must take neither again. (Compared by positions alone, b-5's
     * enrolment was taken for new: its new position has 9621, which the roster's lacks.)
     */
    @Test
    void readAgainInTheirOwnOrderAfterAKillNothingIsAppliedTwice() {
        CaseloadWrites first = new CaseloadWrites(documents);
        first.change(CaseloadDocuments.CENTRES, CENTRE,
                new EventPosition(new StreamPosition(9640, Set.of(9620L, 9621L)), 9640), CaseloadWritesTest::counted);
        first.change(CaseloadDocuments.CENTRES, CENTRE,
                new EventPosition(new StreamPosition(9650, Set.of(9621L)), 9620), CaseloadWritesTest::counted);
        first.write();

        CaseloadWrites again = new CaseloadWrites(documents);
        again.change(CaseloadDocuments.CENTRES, CENTRE, EventPosition.at(9620), CaseloadWritesTest::counted);
        again.change(CaseloadDocuments.CENTRES, CENTRE, EventPosition.at(9640), CaseloadWritesTest::counted);
        again.write();

        assertThat(stored().getInteger("changes")).as("each event applied once").isEqualTo(2);
    }

    /**
     * A batch found the centre's roster absent and inserts it; an earlier attempt at the batch, killed before the
     * processor stored its token, had written part of it meanwhile. The insert finds the id taken and replaces it: the
     * batch's roster is kept whole, not dropped as a duplicate.
     */
    @Test
    void aDocumentFoundAbsentButWrittenMeanwhileIsReplacedWithTheBatchsOwn() {
        CaseloadWrites batch = new CaseloadWrites(documents);
        batch.change(CaseloadDocuments.CENTRES, CENTRE, EventPosition.at(9601),
                centre -> CaseloadDocuments.onRoster(centre, "b-1"));
        batch.change(CaseloadDocuments.CENTRES, CENTRE, EventPosition.at(9602),
                centre -> CaseloadDocuments.onRoster(centre, "b-2"));
        enrol("b-1", EventPosition.at(9601));   // the earlier attempt, as far as it went

        batch.write();

        assertThat(roster()).containsExactlyInAnyOrder("b-1", "b-2");
    }

    /** A document written before positions were kept: an event at its index is taken as applied, as before. */
    @Test
    void aDocumentWithAnIndexAloneSkipsAnEventAtOrBelowIt() {
        documents.collection(CaseloadDocuments.CENTRES).insertOne(new Document("_id", CENTRE)
                .append(DocumentChanges.LAST_INDEX, 9650L).append("cases", new Document("b-1", true)));
        enrol("b-2", EventPosition.at(9650));
        enrol("b-3", EventPosition.at(9651));

        assertThat(roster()).containsExactlyInAnyOrder("b-1", "b-3");
        assertThat(stored().get(DocumentChanges.LAST_INDEX)).as("the old index, replaced by the position").isNull();
    }

    private static void counted(Document centre) {
        centre.put("changes", centre.getInteger("changes", 0) + 1);
    }

    private void enrol(String beneficiaryId, EventPosition at) {
        CaseloadWrites batch = new CaseloadWrites(documents);
        batch.change(CaseloadDocuments.CENTRES, CENTRE, at, centre -> CaseloadDocuments.onRoster(centre, beneficiaryId));
        batch.write();
    }

    private Document stored() {
        return documents.collection(CaseloadDocuments.CENTRES).find(Filters.eq("_id", CENTRE)).first();
    }

    private List<String> roster() {
        return List.copyOf(stored().get("cases", Document.class).keySet());
    }
}
