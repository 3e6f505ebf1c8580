package ma.masar.query.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import ma.masar.api.query.FindLikelyMatches;
import ma.masar.api.query.LikelyMatch;
import ma.masar.api.query.LikelyMatches;
import ma.masar.query.search.NameKeyLookup.Candidate;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Answers {@link FindLikelyMatches}: who may already be registered as the person about to be, looked up in the name
 * keys as a name search is ({@link NameKeyLookup}), before the registration form is sent.
 */
@Component
public class LikelyMatchQueries {

    /** Likely matches shown before registering: few enough to be read, one by one, at the desk. */
    private static final int MAX_LIKELY_MATCHES = 10;
    /** A birth year mistyped or guessed (no papers) is often one or two years off; further is someone else. */
    private static final int LIKELY_BIRTH_YEARS_APART = 2;

    private final NameKeyLookup lookup;

    LikelyMatchQueries(NameKeyLookup lookup) {
        this.lookup = lookup;
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
            for (Candidate candidate : lookup.candidates(parts, NameKeyLookup.WHOLE_CARDS)) {
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
                         .thenComparing(Candidate::sortName,
                                        Comparator.nullsLast(Comparator.naturalOrder()))
                         .thenComparing(Candidate::id);
        ranked.sort(ranking);
        List<String> ids = ranked.stream().limit(MAX_LIKELY_MATCHES).map(Candidate::id).toList();
        Map<String, Document> people = lookup.read(ids, null);
        List<LikelyMatch> matches = new ArrayList<>();
        for (String id : ids) {
            Document person = people.get(id);
            if (person == null || person.getString(BeneficiaryDocuments.MERGED_INTO) != null) {
                continue;
            }
            boolean followed = query.withinCentres() == null
                    || BeneficiaryDocuments.follows(person, query.withinCentres(), query.registeredBy());
            List<LikelyMatch.Reason> reasons = reasons(query, person, followed);
            if (reasons.stream().noneMatch(reason -> reason.kind().startsWith("SAME_NAME"))) {
                continue; // her own keys no longer say so (a key document one write behind)
            }
            matches.add(new LikelyMatch(id, followed,
                    followed ? person.getString("givenNameAr") : null,
                    followed ? person.getString("familyNameAr") : null,
                    followed ? person.getString("givenNameLatin") : null,
                    followed ? person.getString("familyNameLatin") : null,
                    SearchQueries.enumOf(Sex.class, person.getString("sex")), person.getInteger("birthYear"),
                    SearchQueries.enumOf(Region.class, person.getString("region")), reasons));
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
}
