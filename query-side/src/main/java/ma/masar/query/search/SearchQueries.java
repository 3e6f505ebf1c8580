package ma.masar.query.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.query.BeneficiaryPage;
import ma.masar.api.query.BeneficiarySummary;
import ma.masar.api.query.EnrolmentStatus;
import ma.masar.api.query.EnrolmentSummary;
import ma.masar.api.query.FindBeneficiary;
import ma.masar.api.query.SearchBeneficiaries;
import ma.masar.query.search.NameKeyLookup.Candidate;
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
    /** What the criteria besides the name need of a person's document. */
    private static final Bson FILTERED_FIELDS = Projections.include(
            "nationalIdKey", "region", "enrolments.centreId", "enrolments.programme", "enrolments.status",
            BeneficiaryDocuments.REGISTERED_BY);

    private final BeneficiaryDocuments documents;
    private final NameKeyLookup lookup;

    public SearchQueries(BeneficiaryDocuments documents, NameKeyLookup lookup) {
        this.documents = documents;
        this.lookup = lookup;
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
        Collection<Candidate> candidates = lookup.candidates(parts, cardFields(query, parts.size()));

        List<Candidate> found = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.partsFound() == parts.size()
                    && (query.region() == null || query.region().name().equals(candidate.card().getString("r")))) {
                found.add(candidate);
            }
        }
        if (query.withinCentres() != null) {
            Set<String> reach = lookup.reach(query.withinCentres(), query.registeredBy());
            found.removeIf(candidate -> !reach.contains(candidate.id()));
        }
        long total;
        List<Candidate> ranked;
        if (SearchCriteria.needsTheirDocuments(query)) {
            // the other criteria and the social worker's reach are on the people's documents: read them
            ranked = Ranking.first(found, query, found.size());
            Map<String, Document> people = lookup.read(ranked.stream().map(Candidate::id).toList(), FILTERED_FIELDS);
            ranked.removeIf(candidate -> {
                Document person = people.get(candidate.id());
                return person == null || !SearchCriteria.matches(query, person);
            });
            total = ranked.size();
        } else {
            // only the pages up to this one are ranked in order: a family name lists 14,000 people at full size
            ranked = Ranking.first(found, query, (query.page() + 1) * query.size());
            total = found.size();
        }
        int from = Math.min(ranked.size(), query.page() * query.size());
        List<String> pageIds = ranked.subList(from, Math.min(ranked.size(), from + query.size())).stream()
                                     .map(Candidate::id).toList();
        Map<String, Document> pagePeople = lookup.read(pageIds, null);
        List<Document> shown = new ArrayList<>();
        for (String id : pageIds) {
            Document person = pagePeople.get(id);
            // a key document may list someone her own document no longer has (after a crash): she is dropped
            if (person != null && NameKeyLookup.closeness(parts, person)[0] == parts.size()
                    && SearchCriteria.matches(query, person)) {
                shown.add(person);
            }
        }
        List<Document> extra = parts.size() >= 2 && query.page() == 0
                ? nearNames(query, parts, searchedName, candidates)
                : List.of();
        shown.addAll(extra);
        return new BeneficiaryPage(query.page(), query.size(), total,
                                   summaries(shown, extra, searchedName, query.birthYear()));
    }

    /**
     * What a search of this many name parts reads of the cards: the region, birth year and sex when they are
     * searched; the compact names when near names are looked for (two parts or more); nothing (null) for one part and
     * no other criterion, which is ranked on the sort names in the entries' ids. A family name finds about 14,000
     * people at the 2010 population: reading their cards was most of a search's time.
     */
    private static Bson cardFields(SearchBeneficiaries query, int parts) {
        List<String> fields = new ArrayList<>();
        if (query.region() != null) {
            fields.add("r");
        }
        if (query.birthYear() != null) {
            fields.add("y");
        }
        if (query.sex() != null) {
            fields.add("x");
        }
        if (parts >= 2) {
            fields.addAll(List.of("a", "l"));
        }
        return fields.isEmpty() ? null : Projections.include(fields);
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
        near.sort(Comparator.comparing(Candidate::sortName,
                                       Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(Candidate::id));
        List<Document> shown = new ArrayList<>();
        for (int from = 0; from < near.size() && shown.size() < MAX_EXTRA_DUPLICATES;
             from += NameKeyLookup.READ_CHUNK) {
            List<String> ids = near.subList(from, Math.min(near.size(), from + NameKeyLookup.READ_CHUNK)).stream()
                                   .map(Candidate::id).toList();
            Map<String, Document> people = lookup.read(ids, null);
            for (String id : ids) {
                Document person = people.get(id);
                if (person != null && shown.size() < MAX_EXTRA_DUPLICATES && SearchCriteria.inScope(query, person)
                        && closeToSearch(person, searchedName, query.birthYear())) {
                    shown.add(person);
                }
            }
        }
        return shown;
    }


    private BeneficiaryPage withoutName(SearchBeneficiaries query) {
        Bson filter = SearchCriteria.filter(query);
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

    static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static LocalDate date(String date) {
        return date == null ? null : LocalDate.parse(date);
    }
}
