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

    /** A person listed under keys of the searched name: how well each part met hers, and her card. */
    record Candidate(String id, int[] quality, Document card) {

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
     * Everyone listed under a key of the searched name, with how well each part met her name: each part is looked
     * up by its skeleton (the entries of that key) and by its fold as a word prefix (which also finds the very word):
     * each an anchored regex on {@code _id}.
     */
    Collection<Candidate> candidates(List<NameKeys.Part> parts) {
        Map<String, Candidate> candidates = new HashMap<>();
        Map<String, List<Integer>> partsOfKey = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String skeleton = parts.get(i).skeleton();
            if (!skeleton.isEmpty()) {
                partsOfKey.computeIfAbsent(NameKeys.SKELETON + skeleton, k -> new ArrayList<>()).add(i);
            }
        }
        partsOfKey.forEach((key, keyParts) -> {
            for (Document entry : entries(NameKeyEntries.keyRange(key))) {
                String id = NameKeyEntries.beneficiaryOf(entry.getString("_id"), key.length());
                keyParts.forEach(part -> list(id, entry, part, SAME_NAME, parts.size(), candidates));
            }
        });
        for (int i = 0; i < parts.size(); i++) {
            String fold = NameKeys.FOLD + parts.get(i).fold();
            // folds hold letters and digits only: the prefix needs no escaping
            for (Document entry : entries("^" + fold)) {
                String key = NameKeyEntries.keyOf(entry.getString("_id"));
                String id = NameKeyEntries.beneficiaryOf(entry.getString("_id"), key.length());
                list(id, entry, i, key.equals(fold) ? SAME_WORD : WORD_BEGUN, parts.size(), candidates);
            }
        }
        return candidates.values();
    }

    private Iterable<Document> entries(String idRegex) {
        return documents.nameKeyEntries().find(Filters.regex("_id", idRegex));
    }

    private static void list(String id, Document card, int part, int closeness, int parts,
                             Map<String, Candidate> candidates) {
        Candidate candidate = candidates.computeIfAbsent(id, key -> new Candidate(key, new int[parts], card));
        candidate.quality()[part] = Math.max(candidate.quality()[part], closeness);
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
            documents.nameKeyEntries().find(Filters.regex("_id", NameKeyEntries.keyRange(key)))
                     .projection(Projections.include("_id"))
                     .forEach(entry -> reach.add(NameKeyEntries.beneficiaryOf(entry.getString("_id"), key.length())));
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
        List<String> keys = person.getList(BeneficiaryDocuments.NAME_KEYS, String.class, List.of());
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
