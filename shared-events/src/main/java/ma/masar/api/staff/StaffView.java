package ma.masar.api.staff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A person of the staff as the read model shows her: her assignments in the order they were recorded, and the centres
 * she works in today (Africa/Casablanca).
 */
public record StaffView(String staffId, List<String> centresToday, List<AssignmentView> assignments) {

    /** One assignment: the period ({@code endsOn} excluded, null while open), who recorded its start and end, when. */
    public record AssignmentView(String centreId, LocalDate from, LocalDate endsOn, String assignedBy,
                                 Instant assignedAt, String endedBy, Instant endedAt) {
    }
}
