package ma.masar.query.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import ma.masar.query.infra.BatchWrites;
import org.bson.Document;

/**
 * People listed under their name keys again after a merge is undone, written after the batch's documents: their keys
 * and card are read from the documents as stored, which a replayed batch (after a crash) finds already changed, so it
 * lists them all the same. The event itself carries no name to take them from.
 */
final class KeysRestored implements BatchWrites.Pending {

    private final BeneficiaryDocuments documents;
    private final Set<String> people = new LinkedHashSet<>();

    KeysRestored(BeneficiaryDocuments documents) {
        this.documents = documents;
    }

    void restore(String beneficiaryId) {
        people.add(beneficiaryId);
    }

    @Override
    public void write() {
        if (people.isEmpty()) {
            return;
        }
        NameKeyWrites additions = new NameKeyWrites(documents.nameKeyEntries());
        List<String> ids = new ArrayList<>(people);
        for (Document person : documents.collection().find(Filters.in("_id", ids))) {
            if (person.getString(BeneficiaryDocuments.MERGED_INTO) == null) {
                Number listedAt = person.get(NameKeyEntries.LISTED_AT, Number.class);
                additions.add(person.getString("_id"), listedAt == null ? 0 : listedAt.longValue(),
                              BeneficiaryDocuments.nameKeysOf(person), person.getString(BeneficiaryDocuments.SORT_NAME),
                              NameKeyEntries.cardOf(person));
            }
        }
        additions.write();
        people.clear();
    }
}
