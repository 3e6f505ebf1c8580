package ma.masar.query.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import ma.masar.query.InMemoryReadStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A batch's name-key entries as the search reads them: inserted by their {@code _id}, each once, the last card kept. */
class NameKeyWritesTest {

    private static final long AT = 1_262_304_000_000L;

    @RegisterExtension
    final InMemoryReadStore readStore = new InMemoryReadStore();

    private MongoCollection<Document> entries;

    @BeforeEach
    void openTheCollection() {
        entries = readStore.database().getCollection("searchNameKeys");
    }

    @Test
    void aBatchHandledAgainAfterACrashListsEachEntryOnce() {
        listed("b-1", card("Fès-Meknès"));
        listed("b-1", card("Fès-Meknès"));

        assertThat(entries.countDocuments()).isEqualTo(2);
        assertThat(stored()).extracting(entry -> entry.getString("region")).containsOnly("Fès-Meknès");
    }

    /** A correction of the same millisecond lists her under the same ids: the entries take its card, not the first. */
    @Test
    void anEntryWhoseIdIsTakenTakesTheNewCard() {
        listed("b-1", card("Fès-Meknès"));
        listed("b-1", card("Oriental"));

        assertThat(entries.countDocuments()).isEqualTo(2);
        assertThat(stored()).extracting(entry -> entry.getString("region")).containsOnly("Oriental");
    }

    @Test
    void entriesTakenOffAreDeletedAndTheOthersStay() {
        listed("b-1", card("Oriental"));
        listed("b-2", card("Oriental"));
        NameKeyWrites removals = new NameKeyWrites(entries);
        removals.changed("b-1", List.of("f:fatima#ftma", "k:ftma#x"), AT, "amrani fatima", List.of(), AT + 1,
                         "amrani fatima");
        removals.write();

        assertThat(stored())
                .extracting(entry -> NameKeyEntries.beneficiaryOf(entry.getString("_id"))).containsOnly("b-2");
    }

    private List<Document> stored() {
        return entries.find().into(new ArrayList<>());
    }

    private void listed(String beneficiaryId, Document card) {
        NameKeyWrites batch = new NameKeyWrites(entries);
        batch.add(beneficiaryId, AT, List.of("f:fatima#ftma", "k:ftma#x"), "amrani fatima", card);
        batch.write();
    }

    private static Document card(String region) {
        return new Document("region", region);
    }
}
