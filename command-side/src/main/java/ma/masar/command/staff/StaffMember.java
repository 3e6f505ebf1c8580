package ma.masar.command.staff;

import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.api.staff.StaffAssignedToCentre;
import ma.masar.api.staff.StaffAssignmentEnded;
import ma.masar.api.staff.StaffAssignments;
import ma.masar.api.staff.StaffStream;
import ma.masar.command.Dates;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person of the staff and the centres she works in, over time. The identity provider says who she is and her
 * roles; this aggregate says where she works, so that an assignment recorded a second ago already counts on both
 * sides (they read this stream, not a copy). A handful of events per person: no snapshot, no cache.
 * <p>
 * The centre's own rules (it exists, it is open) are checked by {@link StaffCommandHandler}, which loads the centre
 * in the same unit of work.
 */
@Aggregate
public class StaffMember {

    @AggregateIdentifier
    private String stream;
    private String staffId;
    private StaffAssignments assignments = new StaffAssignments();

    protected StaffMember() {
        // for Axon, and for a person's first assignment (Repository#loadOrCreate)
    }

    void assign(String staffId, String centreId, LocalDate from) {
        Dates.plausible(from);
        if (assignments.overlaps(centreId, from)) {
            throw new RuleViolation(Rule.StaffAssignmentOverlaps,
                    "an assignment to " + centreId + " is open or ends after " + from,
                    Map.of("centreId", centreId, "from", from.toString()));
        }
        apply(new StaffAssignedToCentre(staffId, centreId, from));
    }

    void end(String centreId, LocalDate on) {
        Dates.plausible(on);
        StaffAssignments.Assignment open = assignments.open(centreId).orElseThrow(() -> new RuleViolation(
                Rule.StaffAssignmentNotFound, "no open assignment to " + centreId, Map.of("centreId", centreId)));
        if (on.isBefore(open.from())) {
            throw new RuleViolation(Rule.AssignmentEndsBeforeStart,
                    "the assignment starts on " + open.from() + ", after " + on,
                    Map.of("from", open.from().toString(), "on", on.toString()));
        }
        apply(new StaffAssignmentEnded(staffId, centreId, on));
    }

    /** The centres she works in on {@code date}: what a limited social worker's commands are held to. */
    Set<String> centresOn(LocalDate date) {
        return assignments.centresOn(date);
    }

    @EventSourcingHandler
    void on(StaffAssignedToCentre event) {
        stream = StaffStream.of(event.staffId());
        staffId = event.staffId();
        assignments.apply(event);
    }

    @EventSourcingHandler
    void on(StaffAssignmentEnded event) {
        assignments.apply(event);
    }
}
