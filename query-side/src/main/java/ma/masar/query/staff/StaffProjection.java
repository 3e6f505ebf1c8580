package ma.masar.query.staff;

import ma.masar.api.staff.StaffAssignedToCentre;
import ma.masar.api.staff.StaffAssignmentEnded;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.DocumentChanges;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.EventPosition;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who works where, for administrators and auditors: one document per person with her assignments and who recorded
 * them. All of a document's events are one person's (her {@code StaffMember} stream), so the document's
 * {@code applied} keeps a replay from applying anything twice. Not what access decisions read: they read her
 * stream in the event store ({@code StaffScope}, {@code StaffCentres}), which this follows a batch later.
 */
@Component
@ProcessingGroup(ProcessingGroups.STAFF)
public class StaffProjection {

    private final StaffDocuments documents;

    public StaffProjection(StaffDocuments documents) {
        this.documents = documents;
    }

    @EventHandler
    void on(StaffAssignedToCentre event, TrackingToken token, @MetaDataValue("userId") String by,
            @Timestamp Instant at) {
        writes().change(event.staffId(), EventPosition.of(token), person -> {
            List<Document> assignments = assignments(person);
            assignments.add(new Document("centreId", event.centreId())
                    .append("from", event.from().toString())
                    .append("endsOn", null)
                    .append("assignedBy", by)
                    .append("assignedAt", at.toString())
                    .append("endedBy", null)
                    .append("endedAt", null));
            person.put("assignments", assignments);
        });
    }

    @EventHandler
    void on(StaffAssignmentEnded event, TrackingToken token, @MetaDataValue("userId") String by,
            @Timestamp Instant at) {
        writes().change(event.staffId(), EventPosition.of(token), person -> {
            List<Document> assignments = assignments(person);
            assignments.stream()
                       .filter(a -> event.centreId().equals(a.getString("centreId")) && a.get("endsOn") == null)
                       .findFirst()
                       .ifPresent(open -> open.append("endsOn", event.on().toString())
                                              .append("endedBy", by)
                                              .append("endedAt", at.toString()));
            person.put("assignments", assignments);
        });
    }

    @ResetHandler
    void reset() {
        documents.drop();
    }

    private static List<Document> assignments(Document person) {
        List<Document> assignments = person.getList("assignments", Document.class);
        return assignments == null ? new ArrayList<>() : new ArrayList<>(assignments);
    }

    private DocumentChanges writes() {
        return BatchWrites.of(ProcessingGroups.STAFF, DocumentChanges.class,
                              () -> new DocumentChanges(documents.collection(), changed -> { }));
    }
}
