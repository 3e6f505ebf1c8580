package ma.masar.query.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Finds people in the name keys' entries ({@link NameKeyEntries}) and reads the people found, by {@code _id} only, as MongoDB
 * and the embedded stand-in both answer from the {@code _id} index: what the name search and the likely matches look
 * up, never a scan.
 */
@Component
class NameKeyLookup {

    /**
     * Ids read by {@code _id} in one query. The stand-in finds each by its {@code _id} index, then checks every
     * document found against the whole {@code $in} list again: a long list costs its square.
     */
    static final int READ_CHUNK = 100;
    /** How well a part of the searched name meets a person's name. */
    static final int SAME_WORD = 3;
    static final int SAME_NAME = 2;
    static final int WORD_BEGUN = 1;

    private final BeneficiaryDocuments documents;

    NameKeyLookup(BeneficiaryDocuments documents) {
        this.documents = documents;
    }

    /** An entry's {@code _id} alone: what the {@code _id} index answers without reading the entries. */
    private static final Bson ID_ONLY = Projections.include("_id");
    /** All of a card: what the likely matches weigh. */
    static final Bson WHOLE_CARDS = Projections.include("y", "x", "r", "a", "l");

    /**
     * A person listed under keys of the searched name: how well each part met hers, her sort name (in every entry's
     * {@code _id}) and her card when asked for (read with the first entry that brings one: see {@link #candidates}).
     */
    static final class Candidate {

        private final String id;
        private final int[] quality;
        private final String sortName;
        private Document card;
        private String cardEntry;

        Candidate(String id, int parts, String sortName) {
            this.id = id;
            this.quality = new int[parts];
            this.sortName = sortName;
        }

        String id() {
            return id;
        }

        String sortName() {
            return sortName;
        }

        int[] quality() {
            return quality;
        }

        Document card() {
            return card == null ? new Document() : card;
        }

        void card(Document card) {
            this.card = card;
        }

        int partsFound() {
            int found = 0;
            for (int closeness : quality) {
                found += closeness > 0 ? 1 : 0;
            }
            return found;
        }

        int closeness() {
            int closeness = 0;
            for (int part : quality) {
                closeness += part;
            }
            return closeness;
        }
    }

    /**
     * Everyone listed under a key of the searched name, with how well each part met her name and her sort name: each
     * part is looked up by its skeleton (the entries of that key: an anchored regex on {@code _id}, whose ids mark her
     * folds too, so the very word and the same name spelt otherwise are told apart there) and by its fold, for what
     * the skeleton did not find (the fold listed with another skeleton, and the words it begins: two ranges of
     * {@code _id}s, {@link NameKeyEntries#foldRanges}). All are read by {@code _id} only (the index answers it).
     * <p>
     * The cards, when {@code cardFields} asks for some of their fields (null: none), come with the skeletons'
     * entries. The few that only a fold found, and that may be shown, have their card read by {@code _id}
     * afterwards. At the full population a family name's fold and skeleton each list about 14,000 people: reading
     * their entries whole was most of a search's time, and until 2026-12-06 the fold read its 14,000 again, by
     * {@code _id} only (BENCHMARKS.md).
     */
    Collection<Candidate> candidates(List<NameKeys.Part> parts, Bson cardFields) {
        Map<String, Candidate> candidates = new HashMap<>(4096);
        Map<String, List<Integer>> partsOfKey = new LinkedHashMap<>();
        String[] foldMarks = new String[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            foldMarks[i] = NameKeys.foldMark(parts.get(i).fold());
            String skeleton = parts.get(i).skeleton();
            if (!skeleton.isEmpty()) {
                partsOfKey.computeIfAbsent(NameKeys.SKELETON + skeleton, k -> new ArrayList<>()).add(i);
            }
        }
        partsOfKey.forEach((key, keyParts) -> {
            for (Document entry : entries(NameKeyEntries.keyRange(key),
                                          cardFields == null ? ID_ONLY : cardFields)) {
                String entryId = entry.getString("_id");
                Candidate candidate = candidate(entryId, parts.size(), candidates);
                if (candidate.card == null && cardFields != null) {
                    candidate.card = entry;
                }
                for (int part : keyParts) {
                    candidate.quality[part] = Math.max(candidate.quality[part],
                                                       NameKeyEntries.marksFold(entryId, foldMarks[part]) ? SAME_WORD
                                                                                                        : SAME_NAME);
                }
            }
        });
        for (int i = 0; i < parts.size(); i++) {
            String fold = NameKeys.FOLD + parts.get(i).fold();
            for (Bson range : NameKeyEntries.foldRanges(parts.get(i).fold(), parts.get(i).skeleton())) {
                for (Document entry : entries(range, ID_ONLY)) {
                    String entryId = entry.getString("_id");
                    Candidate candidate = candidate(entryId, parts.size(), candidates);
                    if (candidate.card == null && candidate.cardEntry == null) {
                        candidate.cardEntry = entryId;
                    }
                    candidate.quality[i] = Math.max(candidate.quality[i],
                                                    NameKeyEntries.keyOf(entryId).equals(fold) ? SAME_WORD
                                                                                               : WORD_BEGUN);
                }
            }
        }
        if (cardFields != null) {
            readMissingCards(candidates.values(), parts.size());
        }
        return candidates.values();
    }

    /** The cards of those found by folds only who were found by all the parts but one at least: they may be shown. */
    private void readMissingCards(Collection<Candidate> candidates, int parts) {
        Map<String, Candidate> byEntry = new HashMap<>();
        for (Candidate candidate : candidates) {
            if (candidate.card == null && candidate.cardEntry != null && candidate.partsFound() >= parts - 1) {
                byEntry.put(candidate.cardEntry, candidate);
            }
        }
        List<String> entryIds = new ArrayList<>(byEntry.keySet());
        for (int from = 0; from < entryIds.size(); from += READ_CHUNK) {
            documents.nameKeyEntries()
                     .find(Filters.in("_id", entryIds.subList(from, Math.min(entryIds.size(), from + READ_CHUNK))))
                     .forEach(entry -> byEntry.get(entry.getString("_id")).card = entry);
        }
    }

    private Iterable<Document> entries(Bson ids, Bson fields) {
        var find = documents.nameKeyEntries().find(ids);
        return fields == null ? find : find.projection(fields);
    }

    /** The candidate a name key's entry lists, met first with this entry (her sort name then read from its id). */
    private static Candidate candidate(String entryId, int parts, Map<String, Candidate> candidates) {
        String id = NameKeyEntries.beneficiaryOf(entryId);
        Candidate candidate = candidates.get(id);
        if (candidate == null) {
            candidate = new Candidate(id, parts, NameKeyEntries.sortNameOf(entryId));
            candidates.put(id, candidate);
        }
        return candidate;
    }

    /**
     * A social worker's reach as the entries list it: the people ever enrolled in her centres, and those she
     * registered; {@link SearchCriteria#inScope} on their documents keeps only those she follows (one she registered
     * and another centre holds is not hers).
     */
    Set<String> reach(Set<String> centres, String registeredBy) {
        List<String> keys = new ArrayList<>();
        centres.forEach(centre -> keys.add(NameKeyEntries.centreKey(centre)));
        if (registeredBy != null) {
            keys.add(NameKeyEntries.registeredByKey(registeredBy));
        }
        Set<String> reach = new HashSet<>();
        for (String key : keys) {
            for (Document entry : entries(NameKeyEntries.keyRange(key), ID_ONLY)) {
                reach.add(NameKeyEntries.beneficiaryOf(entry.getString("_id")));
            }
        }
        return reach;
    }

    /** The people of these ids by id, read by {@code _id} in short lists; only the given fields when not null. */
    Map<String, Document> read(List<String> ids, Bson fields) {
        Map<String, Document> people = new HashMap<>();
        for (int from = 0; from < ids.size(); from += READ_CHUNK) {
            var find = documents.collection().find(Filters.in("_id", ids.subList(from, Math.min(ids.size(),
                                                                                              from + READ_CHUNK))));
            if (fields != null) {
                find = find.projection(fields);
            }
            find.forEach(person -> people.put(person.getString("_id"), person));
        }
        return people;
    }

    /**
     * How many parts of the searched name the person's own keys have, and how closely, summed: the same word, the
     * same name spelt otherwise (skeleton), a word begun. Checked on her document, the truth the key documents
     * point to.
     */
    static int[] closeness(List<NameKeys.Part> parts, Document person) {
        List<String> keys = person.getList(BeneficiaryDocuments.NAME_KEYS, String.class, List.of()).stream()
                                  .map(NameKeyEntries::keyOf).toList();
        int matched = 0;
        int closeness = 0;
        for (NameKeys.Part part : parts) {
            int best = 0;
            String fold = NameKeys.FOLD + part.fold();
            for (String key : keys) {
                if (key.equals(fold)) {
                    best = SAME_WORD;
                    break;
                } else if (!part.skeleton().isEmpty() && key.equals(NameKeys.SKELETON + part.skeleton())) {
                    best = Math.max(best, SAME_NAME);
                } else if (key.startsWith(fold)) {
                    best = Math.max(best, WORD_BEGUN);
                }
            }
            if (best > 0) {
                matched++;
                closeness += best;
            }
        }
        return new int[] {matched, closeness};
    }
}
