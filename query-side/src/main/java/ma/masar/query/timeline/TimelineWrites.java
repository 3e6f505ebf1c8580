package ma.masar.query.timeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ma.masar.query.infra.PendingWrites;
import org.bson.Document;

/**
 * The timeline entries of one batch, inserted together, then the personal details of people erased in the batch
 * blanked (after the inserts, so that entries of the same batch are blanked too); then the live timelines of the
 * people concerned are told.
 */
final class TimelineWrites implements PendingWrites {

    private final TimelineDocuments documents;
    private final TimelineLive live;
    private final List<Document> entries = new ArrayList<>();
    private final Set<String> beneficiaries = new HashSet<>();
    private final Set<String> erased = new HashSet<>();

    TimelineWrites(TimelineDocuments documents, TimelineLive live) {
        this.documents = documents;
        this.live = live;
    }

    void add(String beneficiaryId, Document entry) {
        entries.add(entry);
        beneficiaries.add(beneficiaryId);
    }

    void erase(String beneficiaryId) {
        erased.add(beneficiaryId);
        beneficiaries.add(beneficiaryId);
    }

    @Override
    public void write() {
        documents.insert(entries);
        erased.forEach(documents::erasePersonalDetails);
        live.changed(beneficiaries);
    }
}
