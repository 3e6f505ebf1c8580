package ma.masar.query.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import ma.masar.access.Actor;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.query.BeneficiaryPage;
import ma.masar.api.query.BeneficiarySummary;
import ma.masar.api.query.EnrolmentStatus;
import ma.masar.api.query.EnrolmentSummary;
import ma.masar.api.query.FindBeneficiary;
import ma.masar.api.query.FindLikelyMatches;
import ma.masar.api.query.LikelyMatch;
import ma.masar.api.query.LikelyMatches;
import ma.masar.api.query.SearchBeneficiaries;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Answers {@link SearchBeneficiaries}. Without a name, the read store filters and sorts by family then given name.
 * With one, each part of it ({@link NameKeys}) is looked up in the name keys, by its skeleton and by its fold as a
 * prefix, so that every way of writing it meets, in either script: look-ups by {@code _id}, never a scan. The people
 * found by every part are then read by {@code _id}, held to the other criteria and to the social worker's centres, and
 * ranked: the closest spelling first (the very word, then the same name spelt otherwise, then a word begun), then the
 * birth year nearest the one searched, the sex searched, and family then given name.
 * <p>
 * The first page of a name search then adds people whose whole name is the searched one or one letter or a word order
 * away (whatever the other criteria): those found by all the parts but one whose name {@link NameFolding#close} finds
 * close. It marks likely duplicates: close names, born within a year of each other (or of the searched birth year). A
 * one-word name is too little to call anyone a duplicate.
 */
@Component
public class SearchQueries {

    private static final int MAX_EXTRA_DUPLICATES = 20;
    /** Likely matches shown before registering: few enough to be read, one by one, at the desk. */
    private static final int MAX_LIKELY_MATCHES = 10;
    /** A birth year mistyped or guessed (no papers) is often one or two years off; further is someone else. */
    private static final int LIKELY_BIRTH_YEARS_APART = 2;
    /**
     * Ids read by {@code _id} in one query. The stand-in finds each by its {@code _id} index, then checks every
     * document found against the whole {@code $in} list again: a long list costs its square.
     */
    private static final int READ_CHUNK = 100;
    /** How well a part of the searched name meets a person's name. */
    private static final int SAME_WORD = 3;
    private static final int SAME_NAME = 2;
    private static final int WORD_BEGUN = 1;
    /** What the criteria besides the name need of a person's document. */
    private static final Bson FILTERED_FIELDS = Projections.include(
            "nationalIdKey", "region", "enrolments.centreId", "enrolments.programme", "enrolments.status",
            BeneficiaryDocuments.REGISTERED_BY);

    private final BeneficiaryDocuments documents;

    public SearchQueries(BeneficiaryDocuments documents) {
        this.documents = documents;
    }

    /** The person, or null when no one is registered under the id. */
    @QueryHandler
    public BeneficiarySummary handle(FindBeneficiary query) {
        Document person = documents.collection().find(Filters.eq("_id", query.beneficiaryId())).first();
        return person == null ? null : summary(person, false);
    }

    @QueryHandler
    public BeneficiaryPage handle(SearchBeneficiaries query) {
        List<NameKeys.Part> parts = NameKeys.parts(query.name() == null ? "" : query.name());
        if (parts.isEmpty()) {
            return withoutName(query);
        }
        String searchedName = NameFolding.compact(NameFolding.tokens(query.name()));
        Collection<Candidate> candidates = candidates(parts);

        List<Candidate> found = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.partsFound() == parts.size()
                    && (query.region() == null || query.region().name().equals(candidate.card().getString("r")))) {
                found.add(candidate);
            }
        }
        if (query.withinCentres() != null) {
            Set<String> reach = reach(query);
            found.removeIf(candidate -> !reach.contains(candidate.id()));
        }
        found.sort(ranking(query));
        if (needsTheirDocuments(query)) {
            // the other criteria and the social worker's reach are on the people's documents: read them
            Map<String, Document> people = read(found.stream().map(Candidate::id).toList(), FILTERED_FIELDS);
            found.removeIf(candidate -> {
                Document person = people.get(candidate.id());
                return person == null || !matches(query, person);
            });
        }
        int from = Math.min(found.size(), query.page() * query.size());
        List<String> pageIds = found.subList(from, Math.min(found.size(), from + query.size())).stream()
                                    .map(Candidate::id).toList();
        Map<String, Document> pagePeople = read(pageIds, null);
        List<Document> shown = new ArrayList<>();
        for (String id : pageIds) {
            Document person = pagePeople.get(id);
            // a key document may list someone her own document no longer has (after a crash): she is dropped
            if (person != null && closeness(parts, person)[0] == parts.size() && matches(query, person)) {
                shown.add(person);
            }
        }
        List<Document> extra = parts.size() >= 2 && query.page() == 0
                ? nearNames(query, parts, searchedName, candidates)
                : List.of();
        shown.addAll(extra);
        return new BeneficiaryPage(query.page(), query.size(), found.size(),
                                   summaries(shown, extra, searchedName, query.birthYear()));
    }

    /**
     * People found by all the parts of the name but one, whose whole name is the searched one or one letter or a word
     * order away (whatever the other criteria but the social worker's reach); the cards tell, and only those shown
     * are read.
     */
    private List<Document> nearNames(SearchBeneficiaries query, List<NameKeys.Part> parts, String searchedName,
                                     Collection<Candidate> candidates) {
        List<Candidate> near = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Document card = candidate.card();
            if (candidate.partsFound() == parts.size() - 1
                    && (NameFolding.close(searchedName, card.getString("a"))
                        || NameFolding.close(searchedName, card.getString("l")))
                    && (query.birthYear() == null || bornWithinAYear(card.getInteger("y"), query.birthYear()))) {
                near.add(candidate);
            }
        }
        near.sort(Comparator.comparing((Candidate candidate) -> candidate.card().getString("s"),
                                       Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(Candidate::id));
        List<Document> shown = new ArrayList<>();
        for (int from = 0; from < near.size() && shown.size() < MAX_EXTRA_DUPLICATES; from += READ_CHUNK) {
            List<String> ids = near.subList(from, Math.min(near.size(), from + READ_CHUNK)).stream()
                                   .map(Candidate::id).toList();
            Map<String, Document> people = read(ids, null);
            for (String id : ids) {
                Document person = people.get(id);
                if (person != null && shown.size() < MAX_EXTRA_DUPLICATES && inScope(query, person)
                        && closeToSearch(person, searchedName, query.birthYear())) {
                    shown.add(person);
                }
            }
        }
        return shown;
    }

    /**
     * Who may already be registered as the person about to be: people whose whole name in one script (each part of
     * what was typed) is the same name by fold or skeleton, born within {@value #LIKELY_BIRTH_YEARS_APART} years when
     * a birth year is given; ranked by closeness of the name, then birth year, sex and region. Merged records are
     * not listed (their keys are gone). A social worker sees the names only of the cases she follows; the others are
     * listed by id, sex, birth year, region and kinds of reasons, so she knows to look before registering.
     */
    @QueryHandler
    public LikelyMatches handle(FindLikelyMatches query) {
        Map<String, Candidate> best = new HashMap<>();
        for (String[] name : List.of(new String[] {query.givenNameLatin(), query.familyNameLatin()},
                                     new String[] {query.givenNameAr(), query.familyNameAr()})) {
            List<NameKeys.Part> parts = NameKeys.parts(name);
            if (parts.size() < 2) {
                continue; // a one-word name is too little to call anyone the same person
            }
            for (Candidate candidate : candidates(parts)) {
                Integer born = candidate.card().getInteger("y");
                boolean bornNear = query.birthYear() == null
                        || born != null && Math.abs(born - query.birthYear()) <= LIKELY_BIRTH_YEARS_APART;
                Candidate known = best.get(candidate.id());
                if (candidate.partsFound() == parts.size() && bornNear
                        && (known == null || candidate.closeness() * known.quality().length
                                             > known.closeness() * parts.size())) {
                    best.put(candidate.id(), candidate);
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(best.values());
        Comparator<Candidate> ranking = Comparator.comparingDouble(
                candidate -> -(double) candidate.closeness() / candidate.quality().length);
        if (query.birthYear() != null) {
            ranking = ranking.thenComparingInt(candidate -> Math.abs(candidate.card().getInteger("y") - query.birthYear()));
        }
        ranking = ranking.thenComparingInt(candidate -> query.sex() != null
                                                        && query.sex().name().equals(candidate.card().getString("x")) ? 0 : 1)
                         .thenComparingInt(candidate -> query.region() != null
                                                        && query.region().name().equals(candidate.card().getString("r")) ? 0 : 1)
                         .thenComparing(candidate -> candidate.card().getString("s"),
                                        Comparator.nullsLast(Comparator.naturalOrder()))
                         .thenComparing(Candidate::id);
        ranked.sort(ranking);
        List<String> ids = ranked.stream().limit(MAX_LIKELY_MATCHES).map(Candidate::id).toList();
        Map<String, Document> people = read(ids, null);
        List<LikelyMatch> matches = new ArrayList<>();
        for (String id : ids) {
            Document person = people.get(id);
            if (person == null || person.getString(BeneficiaryDocuments.MERGED_INTO) != null) {
                continue;
            }
            boolean followed = query.withinCentres() == null || Actor.follows(query.withinCentres(),
                    query.registeredBy(), person.getList("enrolments", Document.class, List.of()).stream()
                                                .map(enrolment -> enrolment.getString("centreId")).toList(),
                    person.getString(BeneficiaryDocuments.REGISTERED_BY));
            List<LikelyMatch.Reason> reasons = reasons(query, person, followed);
            if (reasons.stream().noneMatch(reason -> reason.kind().startsWith("SAME_NAME"))) {
                continue; // her own keys no longer say so (a key document one write behind)
            }
            matches.add(new LikelyMatch(id, followed,
                    followed ? person.getString("givenNameAr") : null,
                    followed ? person.getString("familyNameAr") : null,
                    followed ? person.getString("givenNameLatin") : null,
                    followed ? person.getString("familyNameLatin") : null,
                    enumOf(Sex.class, person.getString("sex")), person.getInteger("birthYear"),
                    enumOf(Region.class, person.getString("region")), reasons));
        }
        return new LikelyMatches(matches);
    }

    /**
     * Why a person may be the one about to be registered: each part of the name typed and the part of hers it meets
     * (the very word folded, or the same name key spelt otherwise; hers only when she may be read), then birth year,
     * sex and region when they agree.
     */
    private static List<LikelyMatch.Reason> reasons(FindLikelyMatches query, Document person, boolean followed) {
        List<LikelyMatch.Reason> reasons = new ArrayList<>();
        List<NameKeys.Part> latin = NameKeys.parts(person.getString("givenNameLatin"), person.getString("familyNameLatin"));
        List<NameKeys.Part> arabic = NameKeys.parts(person.getString("givenNameAr"), person.getString("familyNameAr"));
        Set<String> said = new HashSet<>();
        for (NameKeys.Part typed : NameKeys.parts(query.givenNameLatin(), query.familyNameLatin(),
                                                  query.givenNameAr(), query.familyNameAr())) {
            boolean typedArabic = typed.fold().chars().anyMatch(c -> Character.UnicodeScript.of(c)
                                                                     == Character.UnicodeScript.ARABIC);
            List<NameKeys.Part> hers = new ArrayList<>(typedArabic ? arabic : latin);
            hers.addAll(typedArabic ? latin : arabic);
            for (NameKeys.Part her : hers) {
                if (typed.meets(her)) {
                    String kind = typed.fold().equals(her.fold()) ? "SAME_NAME" : "SAME_NAME_SPELT_OTHERWISE";
                    if (said.add(typed.fold())) {
                        reasons.add(new LikelyMatch.Reason(kind, typed.fold(), followed ? her.fold() : null));
                    }
                    break;
                }
            }
        }
        Integer born = person.getInteger("birthYear");
        if (query.birthYear() != null && born != null) {
            if (born.equals(query.birthYear())) {
                reasons.add(new LikelyMatch.Reason("SAME_BIRTH_YEAR", String.valueOf(born), null));
            } else if (Math.abs(born - query.birthYear()) <= LIKELY_BIRTH_YEARS_APART) {
                reasons.add(new LikelyMatch.Reason("NEAR_BIRTH_YEAR", String.valueOf(query.birthYear()),
                                                   String.valueOf(born)));
            }
        }
        if (query.sex() != null && query.sex().name().equals(person.getString("sex"))) {
            reasons.add(new LikelyMatch.Reason("SAME_SEX", query.sex().name(), null));
        }
        if (query.region() != null && query.region().name().equals(person.getString("region"))) {
            reasons.add(new LikelyMatch.Reason("SAME_REGION", query.region().name(), null));
        }
        return reasons;
    }

    private BeneficiaryPage withoutName(SearchBeneficiaries query) {
        Bson filter = filter(query);
        List<Document> found = documents.collection().find(filter)
                                        .sort(Sorts.ascending("sortName", "_id"))
                                        .skip(query.page() * query.size())
                                        .limit(query.size())
                                        .into(new ArrayList<>());
        long total = documents.collection().countDocuments(filter);
        return new BeneficiaryPage(query.page(), query.size(), total, summaries(found, List.of(), "", null));
    }

    private static List<BeneficiarySummary> summaries(List<Document> shown, List<Document> extra, String searchedName,
                                                      Integer birthYear) {
        List<BeneficiarySummary> items = new ArrayList<>(shown.size());
        for (Document person : shown) {
            boolean likelyDuplicate = extra.stream().anyMatch(near -> near == person)
                    || (!searchedName.isEmpty() && closeToSearch(person, searchedName, birthYear))
                    || closeToAnother(person, shown);
            items.add(summary(person, likelyDuplicate));
        }
        return items;
    }

    /** A person listed under keys of the searched name: how well each part met hers, and her card. */
    private record Candidate(String id, int[] quality, Document card) {

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
     * up by its skeleton (all the parts' skeletons in one {@code $in} on {@code _id}) and by its fold as a word
     * prefix (an anchored regex on {@code _id}, which also finds the very word).
     */
    private Collection<Candidate> candidates(List<NameKeys.Part> parts) {
        Map<String, Candidate> candidates = new HashMap<>();
        Map<String, List<Integer>> partsOfKey = new HashMap<>();
        List<String> keyDocuments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String skeleton = parts.get(i).skeleton();
            if (!skeleton.isEmpty()) {
                String key = NameKeys.SKELETON + skeleton;
                if (!partsOfKey.containsKey(key)) {
                    keyDocuments.addAll(BeneficiaryDocuments.keyDocumentIds(key));
                }
                partsOfKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        if (!keyDocuments.isEmpty()) {
            for (int from = 0; from < keyDocuments.size(); from += READ_CHUNK) {
                List<String> chunk = keyDocuments.subList(from, Math.min(keyDocuments.size(), from + READ_CHUNK));
                for (Document keyDocument : documents.nameKeys().find(Filters.in("_id", chunk))) {
                    String key = BeneficiaryDocuments.keyOf(keyDocument.getString("_id"));
                    for (int part : partsOfKey.getOrDefault(key, List.of())) {
                        list(keyDocument, part, SAME_NAME, parts.size(), candidates);
                    }
                }
            }
        }
        for (int i = 0; i < parts.size(); i++) {
            String fold = NameKeys.FOLD + parts.get(i).fold();
            // folds hold letters and digits only: the prefix needs no escaping
            for (Document keyDocument : documents.nameKeys().find(Filters.regex("_id", "^" + fold))) {
                boolean sameWord = BeneficiaryDocuments.keyOf(keyDocument.getString("_id")).equals(fold);
                list(keyDocument, i, sameWord ? SAME_WORD : WORD_BEGUN, parts.size(), candidates);
            }
        }
        return candidates.values();
    }

    private static void list(Document keyDocument, int part, int closeness, int parts,
                             Map<String, Candidate> candidates) {
        Document listed = keyDocument.get("ids", Document.class);
        if (listed == null) {
            return;
        }
        listed.forEach((field, card) -> {
            String id = BeneficiaryDocuments.idOfField(field);
            Candidate candidate = candidates.computeIfAbsent(
                    id, key -> new Candidate(key, new int[parts], card instanceof Document d ? d : new Document()));
            candidate.quality()[part] = Math.max(candidate.quality()[part], closeness);
        });
    }

    private static boolean needsTheirDocuments(SearchBeneficiaries query) {
        return query.nationalId() != null || query.centreId() != null || query.programme() != null
                || query.status() != null;
    }

    /**
     * A social worker's reach as the key documents list it: the people ever enrolled in her centres, and those she
     * registered; {@link #inScope} on their documents keeps only those she follows (one she registered and another
     * centre holds is not hers).
     */
    private Set<String> reach(SearchBeneficiaries query) {
        List<String> keyDocuments = new ArrayList<>();
        query.withinCentres().forEach(centre -> keyDocuments.addAll(
                BeneficiaryDocuments.keyDocumentIds(BeneficiaryDocuments.centreKey(centre))));
        if (query.registeredBy() != null) {
            keyDocuments.addAll(BeneficiaryDocuments.keyDocumentIds(
                    BeneficiaryDocuments.registeredByKey(query.registeredBy())));
        }
        Set<String> reach = new HashSet<>();
        for (int from = 0; from < keyDocuments.size(); from += READ_CHUNK) {
            documents.nameKeys()
                     .find(Filters.in("_id", keyDocuments.subList(from, Math.min(keyDocuments.size(),
                                                                                 from + READ_CHUNK))))
                     .forEach(keyDocument -> {
                         Document listed = keyDocument.get("ids", Document.class);
                         if (listed != null) {
                             listed.keySet().forEach(field -> reach.add(BeneficiaryDocuments.idOfField(field)));
                         }
                     });
        }
        return reach;
    }

    /** The people of these ids by id, read by {@code _id} in short lists; only the given fields when not null. */
    private Map<String, Document> read(List<String> ids, Bson fields) {
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
    private static int[] closeness(List<NameKeys.Part> parts, Document person) {
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

    private static Comparator<Candidate> ranking(SearchBeneficiaries query) {
        Comparator<Candidate> ranking = Comparator.comparingInt(candidate -> -candidate.closeness());
        if (query.birthYear() != null) {
            ranking = ranking.thenComparingInt(candidate -> {
                Integer born = candidate.card().getInteger("y");
                return born == null ? Integer.MAX_VALUE : Math.abs(born - query.birthYear());
            });
        }
        if (query.sex() != null) {
            ranking = ranking.thenComparingInt(
                    candidate -> query.sex().name().equals(candidate.card().getString("x")) ? 0 : 1);
        }
        return ranking.thenComparing(candidate -> candidate.card().getString("s"),
                                     Comparator.nullsLast(Comparator.naturalOrder()))
                      .thenComparing(Candidate::id);
    }

    /** The criteria besides the name, as {@link #filter} puts them to the read store. */
    private static boolean matches(SearchBeneficiaries query, Document person) {
        if (query.nationalId() != null && !Objects.equals(BeneficiaryDocuments.nationalIdKey(query.nationalId()),
                                                          person.getString("nationalIdKey"))) {
            return false;
        }
        if (query.region() != null && !query.region().name().equals(person.getString("region"))) {
            return false;
        }
        if (query.centreId() != null || query.programme() != null || query.status() != null) {
            boolean anEnrolment = person.getList("enrolments", Document.class, List.of()).stream().anyMatch(
                    enrolment -> (query.centreId() == null || query.centreId().equals(enrolment.getString("centreId")))
                            && (query.programme() == null
                                || query.programme().name().equals(enrolment.getString("programme")))
                            && (query.status() == null || query.status().name().equals(enrolment.getString("status"))));
            if (!anEnrolment) {
                return false;
            }
        }
        return inScope(query, person);
    }

    /** A social worker's reach, as {@link #scope} puts it to the read store. */
    private static boolean inScope(SearchBeneficiaries query, Document person) {
        if (query.withinCentres() == null) {
            return true;
        }
        List<String> caseCentres = person.getList("enrolments", Document.class, List.of()).stream()
                                         .map(enrolment -> enrolment.getString("centreId")).toList();
        return Actor.follows(query.withinCentres(), query.registeredBy(), caseCentres,
                             person.getString(BeneficiaryDocuments.REGISTERED_BY));
    }

    private static Bson filter(SearchBeneficiaries query) {
        List<Bson> criteria = new ArrayList<>();
        if (query.nationalId() != null) {
            criteria.add(Filters.eq("nationalIdKey", BeneficiaryDocuments.nationalIdKey(query.nationalId())));
        }
        if (query.region() != null) {
            criteria.add(Filters.eq("region", query.region().name()));
        }
        List<Bson> enrolment = new ArrayList<>();
        if (query.centreId() != null) {
            enrolment.add(Filters.eq("centreId", query.centreId()));
        }
        if (query.programme() != null) {
            enrolment.add(Filters.eq("programme", query.programme().name()));
        }
        if (query.status() != null) {
            enrolment.add(Filters.eq("status", query.status().name()));
        }
        if (!enrolment.isEmpty()) {
            // all enrolment criteria on the same enrolment
            criteria.add(Filters.elemMatch("enrolments", Filters.and(enrolment)));
        }
        criteria.addAll(scope(query));
        // a record merged into another is found as its survivor only
        criteria.add(Filters.exists(BeneficiaryDocuments.MERGED_INTO, false));
        return Filters.and(criteria);
    }

    /** A social worker's reach: cases enrolled in their centres, and those they registered that no centre holds yet. */
    private static List<Bson> scope(SearchBeneficiaries query) {
        if (query.withinCentres() == null) {
            return List.of();
        }
        Bson inTheirCentres = Filters.in("enrolments.centreId", query.withinCentres());
        Bson registeredByThem = Filters.and(Filters.eq(BeneficiaryDocuments.REGISTERED_BY, query.registeredBy()),
                                            Filters.size("enrolments", 0));
        return List.of(Filters.or(inTheirCentres, registeredByThem));
    }

    private static boolean closeToSearch(Document person, String searchedName, Integer birthYear) {
        boolean closeName = BeneficiaryDocuments.compactNames(person).stream()
                                                .anyMatch(name -> NameFolding.close(searchedName, name));
        return closeName && (birthYear == null || bornWithinAYear(person.getInteger("birthYear"), birthYear));
    }

    private static boolean closeToAnother(Document person, List<Document> shown) {
        List<String> names = BeneficiaryDocuments.compactNames(person);
        for (Document other : shown) {
            if (other == person) {
                continue;
            }
            List<String> otherNames = BeneficiaryDocuments.compactNames(other);
            boolean closeName = NameFolding.close(names.get(0), otherNames.get(0))
                    || NameFolding.close(names.get(1), otherNames.get(1));
            if (closeName && bornWithinAYear(person.getInteger("birthYear"), other.getInteger("birthYear"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean bornWithinAYear(Integer a, Integer b) {
        return a != null && b != null && Math.abs(a - b) <= 1;
    }

    private static BeneficiarySummary summary(Document person, boolean likelyDuplicate) {
        List<EnrolmentSummary> enrolments = new ArrayList<>();
        for (Document enrolment : person.getList("enrolments", Document.class, List.of())) {
            enrolments.add(new EnrolmentSummary(enrolment.getString("enrolmentId"), enrolment.getString("centreId"),
                                                enumOf(ProgrammeType.class, enrolment.getString("programme")),
                                                enumOf(EnrolmentStatus.class, enrolment.getString("status")),
                                                date(enrolment.getString("enrolledOn")),
                                                date(enrolment.getString("endedOn"))));
        }
        List<EnrolmentStatus> statuses = person.getList("statuses", String.class, List.of()).stream()
                                               .map(status -> Enum.valueOf(EnrolmentStatus.class, status))
                                               .toList();
        return new BeneficiarySummary(person.getString("_id"),
                                      person.getString("givenNameAr"), person.getString("familyNameAr"),
                                      person.getString("givenNameLatin"), person.getString("familyNameLatin"),
                                      person.getString("nationalId"), person.getBoolean("erased", false),
                                      enumOf(Sex.class, person.getString("sex")), person.getInteger("birthYear"),
                                      enumOf(Region.class, person.getString("region")), person.getString("province"),
                                      enrolments, statuses, likelyDuplicate);
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static LocalDate date(String date) {
        return date == null ? null : LocalDate.parse(date);
    }
}
