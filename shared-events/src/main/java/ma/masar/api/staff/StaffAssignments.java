package ma.masar.api.staff;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A person's assignments folded from her events, and the one reading of them both services share: the centres she
 * works in on a date. An assignment holds from its first day to the day before its end ({@code endsOn} excluded).
 */
public final class StaffAssignments {

    /** One period at one centre; {@code endsOn} is null while it is open. */
    public record Assignment(String centreId, LocalDate from, LocalDate endsOn) {

        public boolean holdsOn(LocalDate date) {
            return !date.isBefore(from) && (endsOn == null || date.isBefore(endsOn));
        }

        /** Would an open assignment starting on {@code start} share a day with this one? */
        boolean overlapsOpenFrom(LocalDate start) {
            return endsOn == null || endsOn.isAfter(start);
        }
    }

    private final List<Assignment> assignments = new ArrayList<>();

    public static StaffAssignments of(Iterable<?> events) {
        StaffAssignments assignments = new StaffAssignments();
        for (Object event : events) {
            assignments.apply(event);
        }
        return assignments;
    }

    /** Applies an assignment event; other payloads are ignored. */
    public void apply(Object event) {
        if (event instanceof StaffAssignedToCentre assigned) {
            assignments.add(new Assignment(assigned.centreId(), assigned.from(), null));
        } else if (event instanceof StaffAssignmentEnded ended) {
            open(ended.centreId()).ifPresent(open -> assignments.set(assignments.indexOf(open),
                    new Assignment(open.centreId(), open.from(), ended.on())));
        }
    }

    public boolean isEmpty() {
        return assignments.isEmpty();
    }

    public List<Assignment> all() {
        return List.copyOf(assignments);
    }

    public Set<String> centresOn(LocalDate date) {
        Set<String> centres = new LinkedHashSet<>();
        assignments.stream().filter(a -> a.holdsOn(date)).forEach(a -> centres.add(a.centreId()));
        return centres;
    }

    public Optional<Assignment> open(String centreId) {
        return assignments.stream().filter(a -> a.centreId().equals(centreId) && a.endsOn() == null).findFirst();
    }

    /** Does an open assignment to {@code centreId} from {@code from} overlap one already recorded? */
    public boolean overlaps(String centreId, LocalDate from) {
        return assignments.stream().anyMatch(a -> a.centreId().equals(centreId) && a.overlapsOpenFrom(from));
    }

    public boolean everAssignedTo(String centreId) {
        return assignments.stream().anyMatch(a -> a.centreId().equals(centreId));
    }
}
