package ma.masar.query.timeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ma.masar.query.infra.BatchWrites;
import org.bson.Document;

/**
 * The timeline entries of one batch, inserted together; the personal details of people erased in the batch blanked
 * first, in the stored entries and in the batch's own, so that whoever reads the erasure's entry reads nothing it
 * blanks (blanked after the inserts, a timeline read in between showed the erasure and a note's text, seen in CI);
 * then the live timelines of the people concerned are told.
 */
final class TimelineWrites implements BatchWrites.Pending {

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
        erased.forEach(documents::erasePersonalDetails);
        entries.stream().filter(entry -> erased.contains(TimelineDocuments.beneficiaryOf(entry)))
               .forEach(TimelineDocuments::blankPersonalDetails);
        documents.insert(entries);
        live.changed(beneficiaries);
    }
}
