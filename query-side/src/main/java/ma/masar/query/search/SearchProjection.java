package ma.masar.query.search;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import ma.masar.api.beneficiary.BeneficiariesMerged;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.MergeUndone;
import ma.masar.api.beneficiary.EnrolmentChange;
import ma.masar.api.beneficiary.EnrolmentEvent;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.DocumentChanges;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.EventPosition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Keeps one search document per beneficiary: the names as last registered or corrected (erased names stay null) and
 * every enrolment with where it stands. All events here are the beneficiary's own, so a document's
 * {@code applied} keeps replays from applying anything twice.
 */
@Component
@ProcessingGroup(ProcessingGroups.SEARCH)
public class SearchProjection {

    private final BeneficiaryDocuments documents;

    public SearchProjection(BeneficiaryDocuments documents) {
        this.documents = documents;
    }

    @EventHandler
    void on(BeneficiaryRegistered event, TrackingToken token, @Timestamp Instant at,
            @MetaDataValue("userId") String registeredBy, @MetaDataValue("bulkLoad") String bulkLoad) {
        long listedAt = at.toEpochMilli();
        listNames(event.beneficiaryId(), listedAt, event.personal(), event.sex(), event.birthYear(), event.region());
        NameKeyWrites keyRemovals = keyRemovals();
        if (registeredBy != null && bulkLoad == null) {
            keyAdditions().add(event.beneficiaryId(), listedAt, NameKeyEntries.registeredByKey(registeredBy));
        }
        writes().create(event.beneficiaryId(), EventPosition.of(token), person -> {
            keysChanged(keyRemovals, person, listedAt, () -> BeneficiaryDocuments.registered(
                    person, event.personal(), event.sex(), event.birthYear(), event.region(), event.province()));
            person.put(BeneficiaryDocuments.REGISTERED_BY, registeredBy);
        });
    }

    @EventHandler
    void on(RegistrationCorrected event, TrackingToken token, @Timestamp Instant at) {
        long listedAt = at.toEpochMilli();
        listNames(event.beneficiaryId(), listedAt, event.personal(), event.sex(), event.birthYear(), event.region());
        NameKeyWrites keyRemovals = keyRemovals();
        change(event.beneficiaryId(), token, person -> keysChanged(
                keyRemovals, person, listedAt, () -> BeneficiaryDocuments.registered(
                        person, event.personal(), event.sex(), event.birthYear(), event.region(), event.province())));
    }

    /**
     * The person's enrolments as the event leaves them ({@link EnrolmentChange}, the life cycle stated once); a centre
     * where one starts puts her within reach of that centre's social workers.
     */
    @EventHandler
    void on(EnrolmentEvent event, TrackingToken token, @Timestamp Instant at) {
        List<EnrolmentChange> changes = EnrolmentChange.of(event);
        changes.stream().filter(c -> !c.ends())
               .forEach(c -> placed(event.beneficiaryId(), at.toEpochMilli(), c.placement()));
        change(event.beneficiaryId(), token, person -> changes.forEach(c -> BeneficiaryDocuments.apply(person, c)));
    }

    /** Blanks what the document already holds; a rebuild reads the registration erased from the event store. */
    @EventHandler
    void on(PersonalDataErased event, TrackingToken token, @Timestamp Instant at) {
        NameKeyWrites keyRemovals = keyRemovals();
        change(event.beneficiaryId(), token, person -> keysChanged(
                keyRemovals, person, at.toEpochMilli(), () -> BeneficiaryDocuments.erased(person)));
    }

    /**
     * A record merged into another leaves the name keys, so a search finds the survivor only; its document stays,
     * marked {@code mergedInto}, for an undo and for the case itself. The survivor's own keys do not change.
     */
    @EventHandler
    void on(BeneficiariesMerged event, TrackingToken token, @Timestamp Instant at) {
        if (!event.onDuplicate()) {
            return;
        }
        NameKeyWrites keyRemovals = keyRemovals();
        change(event.beneficiaryId(), token, person -> keysChanged(keyRemovals, person, at.toEpochMilli(), () -> {
            person.put(BeneficiaryDocuments.MERGED_INTO, event.survivorId());
            person.put(BeneficiaryDocuments.NAME_KEYS, new java.util.ArrayList<String>());
        }));
    }

    /**
     * The merge undone: the record is listed under its names again, as before the merge. The keys are read from her
     * document once it is written ({@link KeysRestored}), so a batch replayed after a crash lists her again too.
     */
    @EventHandler
    void on(MergeUndone event, TrackingToken token, @Timestamp Instant at) {
        if (!event.onDuplicate()) {
            return;
        }
        change(event.beneficiaryId(), token, person -> {
            person.remove(BeneficiaryDocuments.MERGED_INTO);
            person.put(BeneficiaryDocuments.NAME_KEYS, BeneficiaryDocuments.nameKeysOf(person));
            person.put(NameKeyEntries.LISTED_AT, at.toEpochMilli());
        });
        keyRemovals();
        BatchWrites.of(ProcessingGroups.SEARCH + ".keysRestored", KeysRestored.class,
                       () -> new KeysRestored(documents)).restore(event.beneficiaryId());
    }

    @ResetHandler
    void reset() {
        documents.drop();
    }

    private void change(String beneficiaryId, TrackingToken token, Consumer<Document> change) {
        writes().change(beneficiaryId, EventPosition.of(token), change);
    }

    /** Lists the person under the keys of her names as the event states them, with her sort name and card. */
    private void listNames(String beneficiaryId, long listedAt, PersonalData personal, Sex sex, int birthYear,
                           Region region) {
        keyAdditions().add(beneficiaryId, listedAt, BeneficiaryDocuments.nameKeys(personal),
                           BeneficiaryDocuments.sortName(personal),
                           NameKeyEntries.card(personal, sex, birthYear, region));
    }

    /**
     * Lists the person under the centre of an enrolment ({@code c:}), for the searches of its social workers: for
     * good, as a case enrolled there once stays theirs.
     */
    private void placed(String beneficiaryId, long listedAt, Placement placement) {
        if (placement != null && placement.centreId() != null) {
            keyAdditions().add(beneficiaryId, listedAt, NameKeyEntries.centreKey(placement.centreId()));
        }
    }

    /**
     * Applies a change of the event of time {@code listedAt} to the person's names: her name keys are listed from
     * then on, and she comes off the entries of those she had.
     */
    private static void keysChanged(NameKeyWrites keyRemovals, Document person, long listedAt, Runnable change) {
        List<String> before = person.getList(BeneficiaryDocuments.NAME_KEYS, String.class, List.of());
        Number listedBefore = person.get(NameKeyEntries.LISTED_AT, Number.class);
        String sortedBefore = person.getString(BeneficiaryDocuments.SORT_NAME);
        change.run();
        person.put(NameKeyEntries.LISTED_AT, listedAt);
        keyRemovals.changed(person.getString("_id"), before, listedBefore == null ? -1 : listedBefore.longValue(),
                            sortedBefore, person.getList(BeneficiaryDocuments.NAME_KEYS, String.class, List.of()),
                            listedAt, person.getString(BeneficiaryDocuments.SORT_NAME));
    }

    /*
     * A batch's writes go in the order they were first asked for: so each asks for all three, in the order they must
     * be written: name keys added, people's documents, name keys removed (see NameKeyWrites).
     */
    private DocumentChanges writes() {
        keyAdditions();
        return documentChanges();
    }

    private NameKeyWrites keyAdditions() {
        return BatchWrites.of(ProcessingGroups.SEARCH + ".keysAdded", NameKeyWrites.class,
                              () -> new NameKeyWrites(documents.nameKeyEntries()));
    }

    private NameKeyWrites keyRemovals() {
        writes();
        return BatchWrites.of(ProcessingGroups.SEARCH + ".keysRemoved", NameKeyWrites.class,
                              () -> new NameKeyWrites(documents.nameKeyEntries()));
    }

    private DocumentChanges documentChanges() {
        return BatchWrites.of(ProcessingGroups.SEARCH, DocumentChanges.class,
                              () -> new DocumentChanges(documents.collection(), changed -> { }));
    }
}
