package ma.masar.query.counts;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.query.CentresOpen;
import ma.masar.api.query.FindPartnershipCounts;
import ma.masar.api.query.FindProgrammeCounts;
import ma.masar.api.query.PartnershipCounts;
import ma.masar.api.query.ProgrammeCounts;
import ma.masar.api.query.ProgrammeTally;
import ma.masar.api.query.RegionTally;
import ma.masar.api.query.Tally;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Adds up the counter documents that match a question, in memory: the totals per region for a question about regions
 * or the country, the counters per centre for one that names a province or a centre (a few per centre and year).
 */
@Component
public class CountsQueries {

    private final Counters counters;

    public CountsQueries(Counters counters) {
        this.counters = counters;
    }

    @QueryHandler
    public ProgrammeCounts handle(FindProgrammeCounts query) {
        List<Bson> criteria = new ArrayList<>();
        if (query.year() != null) {
            criteria.add(Filters.eq("year", query.year()));
        }
        if (query.region() != null) {
            criteria.add(Filters.eq("region", query.region().name()));
        }
        if (query.province() != null) {
            criteria.add(Filters.eq("province", query.province()));
        }
        if (query.centreId() != null) {
            criteria.add(Filters.eq("centreId", query.centreId()));
        }
        if (query.programme() != null) {
            criteria.add(Filters.eq("programme", query.programme().name()));
        }
        // a question about a whole region (or the country) reads the region's totals, not every centre's counter
        boolean wholeRegions = query.province() == null && query.centreId() == null;
        Map<ProgrammeType, Map<Region, Tally>> tallies = new EnumMap<>(ProgrammeType.class);
        for (Document counter : (wholeRegions ? counters.programmeTotals() : counters.programmes()).find(and(criteria))) {
            ProgrammeType programme = ProgrammeType.valueOf(counter.getString("programme"));
            Region region = Region.valueOf(counter.getString("region"));
            tallies.computeIfAbsent(programme, key -> new EnumMap<>(Region.class))
                   .merge(region, tally(counter), Tally::plus);
        }
        Tally total = Tally.ZERO;
        List<ProgrammeTally> programmes = new ArrayList<>();
        for (Map.Entry<ProgrammeType, Map<Region, Tally>> programme : tallies.entrySet()) {
            Tally sum = Tally.ZERO;
            List<RegionTally> byRegion = new ArrayList<>();
            for (Map.Entry<Region, Tally> region : programme.getValue().entrySet()) {
                byRegion.add(new RegionTally(region.getKey(), region.getValue()));
                sum = sum.plus(region.getValue());
            }
            programmes.add(new ProgrammeTally(programme.getKey(), sum, byRegion));
            total = total.plus(sum);
        }
        return new ProgrammeCounts(query, total, programmes, centresOpen(query));
    }

    @QueryHandler
    public PartnershipCounts handle(FindPartnershipCounts query) {
        Map<PartnerType, long[]> byType = new EnumMap<>(PartnerType.class);
        Bson signedIn = query.year() == null ? new Document() : Filters.eq("year", query.year());
        for (Document counter : counters.partnerships().find(signedIn)) {
            byType.computeIfAbsent(PartnerType.valueOf(counter.getString("partnerType")), key -> new long[2])[0] +=
                    counter.get("signed", Number.class).longValue();
        }
        Bson partnersBy = query.year() == null ? new Document() : Filters.lte("firstSignedYear", query.year());
        for (Document partner : counters.partners().find(partnersBy)) {
            byType.computeIfAbsent(PartnerType.valueOf(partner.getString("partnerType")), key -> new long[2])[1]++;
        }
        long agreements = 0;
        long partners = 0;
        List<PartnershipCounts.ByPartnerType> types = new ArrayList<>();
        for (Map.Entry<PartnerType, long[]> type : byType.entrySet()) {
            types.add(new PartnershipCounts.ByPartnerType(type.getKey(), type.getValue()[0], type.getValue()[1]));
            agreements += type.getValue()[0];
            partners += type.getValue()[1];
        }
        return new PartnershipCounts(query.year(), agreements, partners, types);
    }

    /** Centres open at the end of the year asked about (or now): opened or converted in, less closed or converted out. */
    private List<CentresOpen> centresOpen(FindProgrammeCounts query) {
        List<Bson> criteria = new ArrayList<>();
        if (query.year() != null) {
            criteria.add(Filters.lte("year", query.year()));
        }
        if (query.region() != null) {
            criteria.add(Filters.eq("region", query.region().name()));
        }
        if (query.province() != null) {
            criteria.add(Filters.eq("province", query.province()));
        }
        if (query.programme() != null) {
            criteria.add(Filters.eq("type", query.programme().centreType().name()));
        }
        Map<CentreType, Long> open = new EnumMap<>(CentreType.class);
        MongoCollection<Document> source = query.province() == null ? counters.centreTotals() : counters.centres();
        for (Document counter : source.find(and(criteria))) {
            long change = number(counter, "opened") + number(counter, "convertedIn")
                    - number(counter, "closed") - number(counter, "convertedOut");
            open.merge(CentreType.valueOf(counter.getString("type")), change, Long::sum);
        }
        return open.entrySet().stream().map(type -> new CentresOpen(type.getKey(), type.getValue())).toList();
    }

    private static Tally tally(Document counter) {
        return new Tally(number(counter, "enrolled"), number(counter, "active"), number(counter, "completed"),
                         number(counter, "withdrawn"), number(counter, "discharged"),
                         number(counter, "movedToApprenticeship"));
    }

    private static long number(Document counter, String field) {
        Number value = counter.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }

    private static Bson and(List<Bson> criteria) {
        return criteria.isEmpty() ? new Document() : Filters.and(criteria);
    }
}
