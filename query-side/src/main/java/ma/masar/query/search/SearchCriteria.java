package ma.masar.query.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.mongodb.client.model.Filters;
import ma.masar.api.query.SearchBeneficiaries;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The criteria of a search besides the name, in the two forms it needs them: a filter for the read store, when no
 * name is searched ({@link #filter}), and a check of a person's document, when the name keys found her
 * ({@link #matches}). Both say the same; a change to one is a change to the other.
 */
final class SearchCriteria {

    private SearchCriteria() {
    }

    /** Whether the criteria ask for more than the name keys' cards hold: then the people's documents are read. */
    static boolean needsTheirDocuments(SearchBeneficiaries query) {
        return query.nationalId() != null || query.centreId() != null || query.programme() != null
                || query.status() != null;
    }

    /** The criteria besides the name, as {@link #filter} puts them to the read store. */
    static boolean matches(SearchBeneficiaries query, Document person) {
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
    static boolean inScope(SearchBeneficiaries query, Document person) {
        return query.withinCentres() == null
                || BeneficiaryDocuments.follows(person, query.withinCentres(), query.registeredBy());
    }

    static Bson filter(SearchBeneficiaries query) {
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
}
