package ma.masar.query.staff;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import ma.masar.api.staff.FindStaff;
import ma.masar.api.staff.FindStaffAssignments;
import ma.masar.api.staff.StaffView;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Answers the staff queries from the {@code staff} read model. */
@Component
public class StaffQueries {

    private final StaffDocuments documents;
    private final Clock clock;

    public StaffQueries(StaffDocuments documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    @QueryHandler
    public List<StaffView> handle(FindStaff query) {
        LocalDate today = LocalDate.now(clock);
        List<StaffView> staff = new ArrayList<>();
        for (Document person : documents.collection().find().sort(Sorts.ascending("_id"))) {
            staff.add(view(person, today));
        }
        return staff;
    }

    @QueryHandler
    public Optional<StaffView> handle(FindStaffAssignments query) {
        Document person = documents.collection().find(Filters.eq("_id", query.staffId())).first();
        return Optional.ofNullable(person).map(p -> view(p, LocalDate.now(clock)));
    }

    private static StaffView view(Document person, LocalDate today) {
        List<StaffView.AssignmentView> assignments = new ArrayList<>();
        List<String> centresToday = new ArrayList<>();
        for (Document a : person.getList("assignments", Document.class, List.of())) {
            StaffView.AssignmentView view = new StaffView.AssignmentView(a.getString("centreId"),
                    date(a.getString("from")), date(a.getString("endsOn")), a.getString("assignedBy"),
                    instant(a.getString("assignedAt")), a.getString("endedBy"), instant(a.getString("endedAt")));
            assignments.add(view);
            if (!today.isBefore(view.from()) && (view.endsOn() == null || today.isBefore(view.endsOn()))
                    && !centresToday.contains(view.centreId())) {
                centresToday.add(view.centreId());
            }
        }
        return new StaffView(person.getString("_id"), centresToday, assignments);
    }

    private static LocalDate date(String text) {
        return text == null ? null : LocalDate.parse(text);
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
