package ma.masar.query.centres;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import ma.masar.api.query.CentreOccupancy;
import ma.masar.api.query.CentrePage;
import ma.masar.api.query.CentreStatus;
import ma.masar.api.query.CentreSummary;
import ma.masar.api.query.FindCentreOccupancy;
import ma.masar.api.query.FindCentres;
import ma.masar.api.query.FindPartnerships;
import ma.masar.api.query.PartnershipSummary;
import ma.masar.api.partnership.PartnerType;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

@Component
public class CentreQueries {

    private final CentreDocuments documents;

    public CentreQueries(CentreDocuments documents) {
        this.documents = documents;
    }

    @QueryHandler
    public CentrePage handle(FindCentres query) {
        List<Bson> criteria = new ArrayList<>();
        if (query.region() != null) {
            criteria.add(Filters.eq("region", query.region().name()));
        }
        if (query.type() != null) {
            criteria.add(Filters.eq("type", query.type().name()));
        }
        Bson filter = criteria.isEmpty() ? new Document() : Filters.and(criteria);
        List<CentreSummary> items = new ArrayList<>();
        for (Document centre : documents.collection().find(filter)
                                        .sort(Sorts.ascending("region", "province", "nameFr", "_id"))
                                        .skip(query.page() * query.size())
                                        .limit(query.size())) {
            items.add(summary(centre));
        }
        long total = documents.collection().countDocuments(filter);
        return new CentrePage(query.page(), query.size(), total, items);
    }

    @QueryHandler
    public Optional<CentreOccupancy> handle(FindCentreOccupancy query) {
        return Optional.ofNullable(documents.byId(query.centreId())).map(CentreQueries::occupancy);
    }

    /**
     * The agreements asked for, sorted by partner name. Read whole and narrowed here: a few thousand small documents,
     * and the embedded stand-in of MongoDB is not trusted with array and date-string criteria.
     */
    @QueryHandler
    public List<PartnershipSummary> handle(FindPartnerships query) {
        List<PartnershipSummary> found = new ArrayList<>();
        for (Document agreement : documents.partnerships().find()) {
            PartnershipSummary summary = partnership(agreement);
            if (names(summary, query.centreIds()) && inForce(summary, query.inForceOn())) {
                found.add(summary);
            }
        }
        found.sort(Comparator.comparing((PartnershipSummary p) -> String.valueOf(p.partnerName()))
                             .thenComparing(PartnershipSummary::partnershipId));
        return found;
    }

    private static boolean names(PartnershipSummary agreement, List<String> centreIds) {
        return centreIds.isEmpty() || agreement.centreIds().isEmpty()
               || agreement.centreIds().stream().anyMatch(centreIds::contains);
    }

    private static boolean inForce(PartnershipSummary agreement, LocalDate on) {
        return on == null || (agreement.startsOn() == null || !agreement.startsOn().isAfter(on))
                             && (agreement.endsOn() == null || !agreement.endsOn().isBefore(on))
                             && (agreement.endedOn() == null || agreement.endedOn().isAfter(on));
    }

    private static PartnershipSummary partnership(Document agreement) {
        return new PartnershipSummary(agreement.getString("_id"), agreement.getString("partnerId"),
                                      agreement.getString("partnerName"),
                                      enumOf(PartnerType.class, agreement.getString("partnerType")),
                                      agreement.getString("subject"), date(agreement.getString("startsOn")),
                                      date(agreement.getString("endsOn")),
                                      List.copyOf(agreement.getList("centreIds", String.class, List.of())),
                                      date(agreement.getString("endedOn")));
    }

    private static CentreOccupancy occupancy(Document centre) {
        int capacity = centre.get("capacity", 0);
        int occupied = centre.get("occupied", 0);
        return new CentreOccupancy(centre.getString("_id"), enumOf(CentreType.class, centre.getString("type")),
                                   enumOf(Region.class, centre.getString("region")), centre.getString("province"),
                                   enumOf(CentreStatus.class, centre.getString("status")), capacity, occupied,
                                   Math.max(0, capacity - occupied),
                                   capacity == 0 ? 0 : Math.round(1000.0 * occupied / capacity) / 1000.0);
    }

    private static CentreSummary summary(Document centre) {
        Document operator = centre.get("operator", Document.class);
        return new CentreSummary(centre.getString("_id"),
                                 enumOf(CentreType.class, centre.getString("type")),
                                 centre.getString("nameAr"), centre.getString("nameFr"),
                                 enumOf(Region.class, centre.getString("region")), centre.getString("province"),
                                 centre.get("capacity", 0), centre.get("occupied", 0),
                                 operator == null ? null
                                         : new Operator(enumOf(Operator.OperatorKind.class, operator.getString("kind")),
                                                        operator.getString("partnerName")),
                                 enumOf(CentreStatus.class, centre.getString("status")),
                                 centre.get("converted", false),
                                 date(centre.getString("openedOn")), date(centre.getString("closedOn")));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    private static LocalDate date(String date) {
        return date == null ? null : LocalDate.parse(date);
    }
}
