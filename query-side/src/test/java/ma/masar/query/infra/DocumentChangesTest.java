package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DocumentChangesTest {

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> people;

    @BeforeEach
    void startTheReadStore() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        people = client.getDatabase("masar").getCollection("people");
    }

    @AfterEach
    void stopTheReadStore() {
        client.close();
        server.shutdownNow();
    }

    /**
     * A registration and an enrolment committed together after higher events were handled: both arrive with the
     * token index of those higher events (9650), and both must be applied.
     */
    @Test
    void twoEventsThatCommittedLateTogetherAreBothApplied() {
        DocumentChanges batch = new DocumentChanges(people, changed -> { });
        batch.create("b-1", 9650, person -> person.put("enrolments", new ArrayList<>()));
        batch.change("b-1", 9650, 1, person -> person.getList("enrolments", String.class).add("PRESCHOOL"));
        batch.write();

        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL");
    }

    @Test
    void lateEventsSplitOverTwoBatchesAreEachAppliedOnceAndABatchHandledAgainChangesNothing() {
        DocumentChanges first = new DocumentChanges(people, changed -> { });
        first.change("b-1", 9601, 0, person -> person.put("enrolments", new ArrayList<>()));
        first.write();

        // a registration's two later events, committed together after higher events were handled: one ends a
        // batch, the other begins the next, both with the token index of those higher events
        DocumentChanges late = new DocumentChanges(people, changed -> { });
        late.change("b-1", 9650, 1, person -> person.getList("enrolments", String.class).add("PRESCHOOL"));
        late.write();
        DocumentChanges next = new DocumentChanges(people, changed -> { });
        next.change("b-1", 9650, 2, person -> person.getList("enrolments", String.class).add("APPRENTICESHIP"));
        next.write();
        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL", "APPRENTICESHIP");

        // the last batch again, as after a crash before its token was stored, and an older event again
        DocumentChanges again = new DocumentChanges(people, changed -> { });
        again.change("b-1", 9650, 2, person -> person.getList("enrolments", String.class).add("APPRENTICESHIP"));
        again.change("b-1", 9650, 1, person -> person.getList("enrolments", String.class).add("PRESCHOOL"));
        again.change("b-1", 9601, 0, person -> person.put("enrolments", new ArrayList<>()));
        again.write();
        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL", "APPRENTICESHIP");
    }

    /** A document written before sequence numbers were kept: an event at its index is taken as applied, as before. */
    @Test
    void aDocumentWithoutASequenceSkipsAnEventAtItsIndex() {
        people.insertOne(new Document("_id", "b-1").append(DocumentChanges.LAST_INDEX, 9650L)
                                                   .append("enrolments", new ArrayList<>(List.of("PRESCHOOL"))));
        DocumentChanges again = new DocumentChanges(people, changed -> { });
        again.change("b-1", 9650, 1, person -> person.getList("enrolments", String.class).add("PRESCHOOL"));
        again.write();
        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL");
    }

    private List<String> enrolmentsOf(String id) {
        return people.find(Filters.eq("_id", id)).first().getList("enrolments", String.class);
    }
}
