package ma.masar.query.centres;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import ma.masar.api.centre.CentreCapacityChanged;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.centre.SeatReleased;
import ma.masar.api.centre.SeatTaken;
import ma.masar.api.common.CentreType;
import ma.masar.api.partnership.PartnershipAmended;
import ma.masar.api.partnership.PartnershipEnded;
import ma.masar.api.partnership.PartnershipSigned;
import ma.masar.api.query.CentreStatus;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.DocumentChanges;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.EventPosition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * One document per centre: what it is, where, who runs it, whether it is open, and its occupancy against capacity.
 * Seat events carry the occupancy after them, so it is set, never counted. All events here are the centre's own,
 * so a document's {@code applied} keeps replays from applying anything twice.
 * <p>
 * Beside the centres, the agency's partnership agreements (one document each, as the latest amendment left them):
 * the partners a social worker may refer a person to. An agreement's events are its own too.
 */
@Component
@ProcessingGroup(ProcessingGroups.CENTRES)
public class CentresProjection {

    private final CentreDocuments documents;

    public CentresProjection(CentreDocuments documents) {
        this.documents = documents;
    }

    @EventHandler
    void on(CentreOpened event, TrackingToken token) {
        writes().create(event.centreId(), EventPosition.of(token), centre -> {
            centre.put("type", event.type().name());
            centre.put("nameAr", event.nameAr());
            centre.put("nameFr", event.nameFr());
            centre.put("region", event.region() == null ? null : event.region().name());
            centre.put("province", event.province());
            centre.put("capacity", event.capacity());
            centre.putIfAbsent("occupied", 0);
            centre.put("operator", event.operator() == null ? null
                    : new Document("kind", event.operator().kind() == null ? null : event.operator().kind().name())
                            .append("partnerName", event.operator().partnerName()));
            centre.put("authorisationReference", event.authorisationReference());
            centre.put("status", CentreStatus.OPEN.name());
            centre.put("openedOn", date(event.openedOn()));
            centre.put("converted", false);
        });
    }

    @EventHandler
    void on(CentreCapacityChanged event, TrackingToken token) {
        change(event.centreId(), token, centre -> centre.put("capacity", event.capacity()));
    }

    @EventHandler
    void on(CentreClosed event, TrackingToken token) {
        change(event.centreId(), token, centre -> {
            centre.put("status", CentreStatus.CLOSED.name());
            centre.put("closedOn", date(event.closedOn()));
        });
    }

    @EventHandler
    void on(CentreConvertedToApprenticeship event, TrackingToken token) {
        change(event.centreId(), token, centre -> {
            centre.put("previousType", centre.getString("type"));
            centre.put("type", CentreType.APPRENTICESHIP_CENTRE.name());
            centre.put("converted", true);
            centre.put("convertedOn", date(event.convertedOn()));
        });
    }

    @EventHandler
    void on(SeatTaken event, TrackingToken token) {
        change(event.centreId(), token, centre -> {
            centre.put("occupied", event.occupied());
            centre.put("capacity", event.capacity());
        });
    }

    @EventHandler
    void on(SeatReleased event, TrackingToken token) {
        change(event.centreId(), token, centre -> {
            centre.put("occupied", event.occupied());
            centre.put("capacity", event.capacity());
        });
    }

    @EventHandler
    void on(PartnershipSigned event, TrackingToken token) {
        partnerships().create(event.partnershipId(), EventPosition.of(token), agreement -> {
            agreement.put("partnerId", event.partnerId());
            agreement.put("partnerName", event.partnerName());
            agreement.put("partnerType", event.partnerType() == null ? null : event.partnerType().name());
            agreement.put("subject", event.subject());
            agreement.put("startsOn", date(event.startsOn()));
            agreement.put("endsOn", date(event.endsOn()));
            agreement.put("centreIds", event.centreIds() == null ? List.of() : List.copyOf(event.centreIds()));
            agreement.put("endedOn", null);
        });
    }

    @EventHandler
    void on(PartnershipAmended event, TrackingToken token) {
        partnerships().change(event.partnershipId(), EventPosition.of(token), agreement -> {
            agreement.put("subject", event.subject());
            agreement.put("endsOn", date(event.endsOn()));
            agreement.put("centreIds", event.centreIds() == null ? List.of() : List.copyOf(event.centreIds()));
        });
    }

    @EventHandler
    void on(PartnershipEnded event, TrackingToken token) {
        partnerships().change(event.partnershipId(), EventPosition.of(token),
                agreement -> agreement.put("endedOn", date(event.endedOn())));
    }

    @ResetHandler
    void reset() {
        documents.drop();
    }

    private void change(String centreId, TrackingToken token, Consumer<Document> change) {
        writes().change(centreId, EventPosition.of(token), change);
    }

    private DocumentChanges writes() {
        return BatchWrites.of(ProcessingGroups.CENTRES, DocumentChanges.class,
                              () -> new DocumentChanges(documents.collection(), changed -> { }));
    }

    private DocumentChanges partnerships() {
        return BatchWrites.of(ProcessingGroups.CENTRES + ".partnerships", DocumentChanges.class,
                              () -> new DocumentChanges(documents.partnerships(), changed -> { }));
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
