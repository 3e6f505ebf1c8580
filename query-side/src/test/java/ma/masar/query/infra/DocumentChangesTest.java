package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import ma.masar.query.InMemoryReadStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A beneficiary's registration (own index 9620) and enrolment (9621), committed together in one group commit after
 * the event at 9650 was handled: both arrive with the position's index 9650, each filling its gap (RELIABILITY.md,
 * bug 12).
 */
class DocumentChangesTest {

    private static final EventPosition REGISTERED = new EventPosition(new StreamPosition(9650, Set.of(9621L)), 9620);
    private static final EventPosition ENROLLED = new EventPosition(new StreamPosition(9650, Set.of()), 9621);

    @RegisterExtension
    final InMemoryReadStore readStore = new InMemoryReadStore();

    private MongoCollection<Document> people;

    @BeforeEach
    void openTheCollection() {
        people = readStore.database().getCollection("people");
    }

    @Test
    void twoEventsThatCommittedLateTogetherAreBothApplied() {
        DocumentChanges batch = new DocumentChanges(people, changed -> { });
        batch.create("b-1", REGISTERED, this::registered);
        batch.change("b-1", ENROLLED, this::enrolled);
        batch.write();

        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL");
    }

    @Test
    void lateEventsSplitOverTwoBatchesAreEachAppliedOnceAndABatchHandledAgainChangesNothing() {
        write(REGISTERED, this::registered);
        write(ENROLLED, this::enrolled);
        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL");

        // the last batch again, as after a kill before its token was stored, with an older event
        DocumentChanges again = new DocumentChanges(people, changed -> { });
        again.change("b-1", ENROLLED, this::enrolled);
        again.change("b-1", REGISTERED, this::registered);
        again.write();
        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL");
    }

    /**
     * Killed after the registration's batch was written and before the processor stored its token: read again after
     * the restart, nothing is late any more and each event comes at its own index, below the document's position.
     * The registration is skipped, the enrolment applied.
     */
    @Test
    void readAgainInTheirOwnOrderAfterAKillTheEnrolmentIsAppliedAndTheRegistrationNotAgain() {
        write(REGISTERED, this::registered);
        people.updateOne(Filters.eq("_id", "b-1"), new Document("$push", new Document("enrolments", "MARKER")));

        DocumentChanges again = new DocumentChanges(people, changed -> { });
        again.change("b-1", EventPosition.at(9620), this::registered);
        again.change("b-1", EventPosition.at(9621), this::enrolled);
        again.write();

        assertThat(enrolmentsOf("b-1")).as("registered once (it would empty the list), enrolled once")
                                       .containsExactly("MARKER", "PRESCHOOL");
    }

    /** A document written before positions were kept: an event at or below its index is taken as applied. */
    @Test
    void aDocumentWithAnIndexAloneSkipsAnEventAtOrBelowIt() {
        people.insertOne(new Document("_id", "b-1").append(DocumentChanges.LAST_INDEX, 9650L)
                                                   .append("enrolments", new ArrayList<>(List.of("PRESCHOOL"))));
        write(EventPosition.at(9650), this::enrolled);
        write(EventPosition.at(9651), person -> person.getList("enrolments", String.class).add("APPRENTICESHIP"));

        assertThat(enrolmentsOf("b-1")).containsExactly("PRESCHOOL", "APPRENTICESHIP");
        Document stored = people.find(Filters.eq("_id", "b-1")).first();
        assertThat(stored.get(DocumentChanges.LAST_INDEX)).isNull();
        assertThat(StreamPosition.fromDocument(stored.get(DocumentChanges.APPLIED, Document.class)))
                .isEqualTo(new StreamPosition(9651, Set.of()));
    }

    private void registered(Document person) {
        person.put("enrolments", new ArrayList<>());
    }

    private void enrolled(Document person) {
        person.getList("enrolments", String.class).add("PRESCHOOL");
    }

    private void write(EventPosition at, Consumer<Document> change) {
        DocumentChanges batch = new DocumentChanges(people, changed -> { });
        batch.change("b-1", at, change);
        batch.write();
    }

    private List<String> enrolmentsOf(String id) {
        return people.find(Filters.eq("_id", id)).first().getList("enrolments", String.class);
    }
}
