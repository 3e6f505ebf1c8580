package ma.masar.api.staff;

/** One person's assignments, first to last, with who recorded each and when (answer: an optional {@link StaffView}). */
public record FindStaffAssignments(String staffId) {
}
