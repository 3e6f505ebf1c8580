package ma.masar.query.counts;

import java.time.LocalDate;
import java.util.Map;

import com.mongodb.client.model.Filters;
import ma.masar.api.beneficiary.EnrolmentChange;
import ma.masar.api.beneficiary.EnrolmentEvent;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.common.CentreType;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.api.query.EnrolmentStatus;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.EventPosition;
import ma.masar.query.infra.StreamPosition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts enrolments by programme, region, province, centre and the year they started, with totals per year,
 * programme and region; centres by type and place, with totals per year, type and region; partnership agreements and
 * partners. Every enrolment event carries its {@link Placement} whole, so nothing is looked up. A move to
 * apprenticeship ends the orientation enrolment (active −1, movedToApprenticeship +1 under the orientation's year) and
 * starts an apprenticeship one (enrolled +1, active +1 under the apprenticeship placement's start, which is the
 * contract date).
 */
@Component
@ProcessingGroup(ProcessingGroups.COUNTS)
public class CountsProjection {

    private static final Logger log = LoggerFactory.getLogger(CountsProjection.class);
    /** The counter an ended enrolment adds one to. */
    private static final Map<EnrolmentStatus, String> OUTCOMES = Map.of(
            EnrolmentStatus.COMPLETED, "completed", EnrolmentStatus.WITHDRAWN, "withdrawn",
            EnrolmentStatus.DISCHARGED, "discharged", EnrolmentStatus.MOVED_TO_APPRENTICESHIP, "movedToApprenticeship");

    private final Counters counters;
    private final CountsLive live;

    public CountsProjection(Counters counters, CountsLive live) {
        this.counters = counters;
        this.live = live;
    }

    /**
     * The counters the event's {@link EnrolmentChange}s move: a start counts enrolled and active under the day it
     * started; an end takes one from active and adds one to its outcome, under the year the enrolment started.
     */
    @EventHandler
    void on(EnrolmentEvent event, TrackingToken token) {
        CounterWrites writes = writes(token);
        for (EnrolmentChange change : EnrolmentChange.of(event)) {
            Placement placement = change.placement();
            if (change.ends()) {
                programme(writes, placement, placement.enrolledOn(), "active", -1);
                programme(writes, placement, placement.enrolledOn(), OUTCOMES.get(change.status()), 1);
            } else {
                programme(writes, placement, change.on(), "enrolled", 1);
                programme(writes, placement, change.on(), "active", 1);
            }
        }
    }

    @EventHandler
    void on(CentreOpened event, TrackingToken token) {
        CounterWrites writes = writes(token);
        Document facts = new Document("type", event.type().name())
                .append("region", name(event.region()))
                .append("province", event.province());
        writes.centre(event.centreId(), facts);
        centre(writes, event.type().name(), facts, event.openedOn(), "opened");
    }

    @EventHandler
    void on(CentreClosed event, TrackingToken token) {
        CounterWrites writes = writes(token);
        Document facts = centreFacts(writes, event.centreId());
        if (facts != null) {
            centre(writes, typeAt(facts, writes.position()), facts, event.closedOn(), "closed");
        }
    }

    @EventHandler
    void on(CentreConvertedToApprenticeship event, TrackingToken token) {
        CounterWrites writes = writes(token);
        Document facts = centreFacts(writes, event.centreId());
        if (facts == null) {
            return;
        }
        centre(writes, typeAt(facts, writes.position()), facts, event.convertedOn(), "convertedOut");
        centre(writes, CentreType.APPRENTICESHIP_CENTRE.name(), facts, event.convertedOn(), "convertedIn");
        Document converted = new Document(facts).append("convertedAt", writes.position().index());
        writes.centre(event.centreId(), converted);
    }

    @EventHandler
    void on(PartnershipSigned event, TrackingToken token) {
        CounterWrites writes = writes(token);
        String partnerType = name(event.partnerType());
        int year = event.signedOn().getYear();
        writes.add(Counters.PARTNERSHIPS, partnerType + "|" + year,
                   new Document("partnerType", partnerType).append("year", year),
                   Counters.PARTNERSHIP_FIELDS, "signed", 1);
        writes.partnerSigned(event.partnerId(), partnerType, year);
    }

    @ResetHandler
    void reset() {
        counters.drop();
    }

    private CounterWrites writes(TrackingToken token) {
        CounterWrites writes = BatchWrites.of(ProcessingGroups.COUNTS, CounterWrites.class,
                                              () -> new CounterWrites(counters, live::changed));
        writes.reached(EventPosition.of(token));
        return writes;
    }

    /**
     * Counter ids are the key values joined by '|'; the values are also kept as fields for querying. Each change moves
     * its centre's counter and its region's total for the year (what the dashboard reads).
     */
    private static void programme(CounterWrites writes, Placement placement, LocalDate started, String field,
                                  long delta) {
        String programme = name(placement.programme());
        String region = name(placement.region());
        int year = started.getYear();
        String id = String.join("|", programme, region, placement.province(), placement.centreId(),
                                String.valueOf(year));
        writes.add(Counters.PROGRAMMES, id,
                   new Document("programme", programme).append("region", region)
                           .append("province", placement.province()).append("centreId", placement.centreId())
                           .append("year", year),
                   Counters.PROGRAMME_FIELDS, field, delta);
        writes.add(Counters.PROGRAMME_TOTALS, String.join("|", String.valueOf(year), programme, region),
                   new Document("programme", programme).append("region", region).append("year", year),
                   Counters.PROGRAMME_FIELDS, field, delta);
    }

    private static void centre(CounterWrites writes, String type, Document facts, LocalDate on, String field) {
        int year = on.getYear();
        String region = facts.getString("region");
        String province = facts.getString("province");
        writes.add(Counters.CENTRES, String.join("|", type, region, province, String.valueOf(year)),
                   new Document("type", type).append("region", region).append("province", province)
                           .append("year", year),
                   Counters.CENTRE_FIELDS, field, 1);
        writes.add(Counters.CENTRE_TOTALS, String.join("|", String.valueOf(year), type, region),
                   new Document("type", type).append("region", region).append("year", year),
                   Counters.CENTRE_FIELDS, field, 1);
    }

    /** The centre's facts as this batch knows them, else as stored. */
    private Document centreFacts(CounterWrites writes, String centreId) {
        Document facts = writes.centre(centreId);
        if (facts == null) {
            facts = counters.countedCentres().find(Filters.eq("_id", centreId)).first();
            if (facts != null) {
                facts.remove("_id");
            }
        }
        if (facts == null) {
            log.warn("Centre {} was never opened; its closing or conversion is not counted", centreId);
        }
        return facts;
    }

    /**
     * The centre's type when the event at {@code position} happened: a centre converted later (as already written by
     * a batch that is being handled again after a crash) still had its first type then.
     */
    private static String typeAt(Document facts, StreamPosition position) {
        Number convertedAt = facts.get("convertedAt", Number.class);
        return convertedAt != null && convertedAt.longValue() < position.index()
                ? CentreType.APPRENTICESHIP_CENTRE.name() : facts.getString("type");
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
