package ma.masar.query.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
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
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Answers {@link SearchBeneficiaries}. Each word of the name must start one of the person's name words (folded, in
 * either script); results are sorted by family then given name. The first page of a name search then adds people
 * whose whole name is the searched one or one letter or a word order away (whatever the other criteria), and marks
 * likely duplicates: close names, born within a year of each other (or of the searched birth year). A one-word
 * name is too little to call anyone a duplicate.
 */
@Component
public class SearchQueries {

    private static final int MAX_EXTRA_DUPLICATES = 20;
    /** Near-name candidates looked at; a common name with no birth year given may have more. */
    private static final int MAX_CANDIDATES = 500;

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
        List<String> nameTokens = NameFolding.tokens(query.name() == null ? "" : query.name());
        Bson filter = filter(query, nameTokens);
        List<Document> found = documents.collection().find(filter)
                                        .sort(Sorts.ascending("sortName", "_id"))
                                        .skip(query.page() * query.size())
                                        .limit(query.size())
                                        .into(new ArrayList<>());
        long total = documents.collection().countDocuments(filter);

        String searchedName = NameFolding.compact(nameTokens);
        List<Document> extra = new ArrayList<>();
        if (nameTokens.size() >= 2 && query.page() == 0) {
            extra = nearNames(query, nameTokens, searchedName, found);
        }
        List<Document> shown = new ArrayList<>(found);
        shown.addAll(extra);

        List<BeneficiarySummary> items = new ArrayList<>(shown.size());
        for (Document person : shown) {
            boolean likelyDuplicate = extra.stream().anyMatch(near -> near == person)
                    || (!searchedName.isEmpty() && closeToSearch(person, searchedName, query.birthYear()))
                    || closeToAnother(person, shown);
            items.add(summary(person, likelyDuplicate));
        }
        return new BeneficiaryPage(query.page(), query.size(), total, items);
    }

    private static Bson filter(SearchBeneficiaries query, List<String> nameTokens) {
        List<Bson> criteria = new ArrayList<>();
        for (String token : nameTokens) {
            // tokens hold letters and digits only, so the prefix needs no escaping
            criteria.add(Filters.regex("tokens", "^" + token));
        }
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
        return criteria.isEmpty() ? new Document() : Filters.and(criteria);
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

    /**
     * People whose whole name is close to the searched one. One letter away leaves all words but one intact, and a
     * different word order leaves them all: so the candidates are those with all the searched words but one, which
     * the words index finds (on the stand-in, a scan), and {@link NameFolding#close} decides.
     */
    private List<Document> nearNames(SearchBeneficiaries query, List<String> nameTokens, String searchedName,
                                     List<Document> found) {
        Integer birthYear = query.birthYear();
        Set<String> alreadyFound = new HashSet<>();
        found.forEach(person -> alreadyFound.add(person.getString("_id")));
        List<Bson> allButOne = new ArrayList<>();
        for (int left = 0; left < nameTokens.size(); left++) {
            List<String> others = new ArrayList<>(nameTokens);
            others.remove(left);
            allButOne.add(Filters.all("tokens", others));
        }
        List<Bson> criteria = new ArrayList<>(scope(query));
        criteria.add(allButOne.size() == 1 ? allButOne.get(0) : Filters.or(allButOne));
        if (birthYear != null) {
            criteria.add(Filters.in("birthYear", birthYear - 1, birthYear, birthYear + 1));
        }
        List<Document> near = new ArrayList<>();
        for (Document person : documents.collection().find(Filters.and(criteria))
                                        .sort(Sorts.ascending("sortName", "_id"))
                                        .limit(MAX_CANDIDATES)) {
            if (!alreadyFound.contains(person.getString("_id")) && closeToSearch(person, searchedName, birthYear)
                    && near.size() < MAX_EXTRA_DUPLICATES) {
                near.add(person);
            }
        }
        return near;
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
