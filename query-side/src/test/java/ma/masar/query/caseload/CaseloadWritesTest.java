package ma.masar.query.caseload;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import ma.masar.query.infra.StreamPosition;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A centre's roster gathers the enrolments of many cases. Events that commit late, together (a group commit of an
 * import), arrive with the index of the higher events handled before them; each must reach the roster once, whether
 * they fall into one batch or two, and a batch handled again after a crash must change nothing (RELIABILITY.md, bug 12).
 */
class CaseloadWritesTest {

    private static final String CENTRE = "CEF-SEFROU";

    private MongoServer server;
    private MongoClient client;
    private CaseloadDocuments documents;

    @BeforeEach
    void startTheReadStore() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        documents = new CaseloadDocuments(client.getDatabase("masar"));
    }

    @AfterEach
    void stopTheReadStore() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void lateEnrolmentsOfTwoCasesSplitOverTwoBatchesBothJoinTheRoster() {
        enrol("b-1", new StreamPosition(9601, Set.of()));
        // the event at 9650 was handled while 9620 and 9621 (one transaction, still committing) were gaps
        enrol("b-2", new StreamPosition(9650, Set.of(9620L, 9621L)));
        // then they commit: both come with the index 9650, each filling its gap; one ends a batch, one begins the next
        enrol("b-3", new StreamPosition(9650, Set.of(9621L)));
        enrol("b-4", new StreamPosition(9650, Set.of()));

        assertThat(roster()).containsExactlyInAnyOrder("b-1", "b-2", "b-3", "b-4");
    }

    @Test
    void aBatchHandledAgainAfterACrashChangesNothing() {
        enrol("b-1", new StreamPosition(9650, Set.of(9620L)));
        enrol("b-2", new StreamPosition(9650, Set.of()));

        // the same two events again, in one batch, as after a crash before the processor stored its token
        CaseloadWrites again = new CaseloadWrites(documents);
        again.change(CaseloadDocuments.CENTRES, CENTRE, new StreamPosition(9650, Set.of(9620L)),
                centre -> centre.put("changes", centre.getInteger("changes", 0) + 1));
        again.change(CaseloadDocuments.CENTRES, CENTRE, new StreamPosition(9650, Set.of()),
                centre -> centre.put("changes", centre.getInteger("changes", 0) + 1));
        again.write();

        assertThat(roster()).containsExactlyInAnyOrder("b-1", "b-2");
        assertThat(stored().getInteger("changes")).as("changes applied again").isNull();
    }

    /** A document written before positions were kept: an event at its index is taken as applied, as before. */
    @Test
    void aDocumentWithAnIndexAloneSkipsAnEventAtOrBelowIt() {
        documents.collection(CaseloadDocuments.CENTRES).insertOne(new Document("_id", CENTRE)
                .append(CaseloadWrites.LAST_INDEX, 9650L).append("cases", new Document("b-1", true)));
        enrol("b-2", new StreamPosition(9650, Set.of()));
        enrol("b-3", new StreamPosition(9651, Set.of()));

        assertThat(roster()).containsExactlyInAnyOrder("b-1", "b-3");
        assertThat(stored().get(CaseloadWrites.LAST_INDEX)).as("the old index, replaced by the position").isNull();
    }

    private void enrol(String beneficiaryId, StreamPosition at) {
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
