package ma.masar.api.staff;

/** Everyone with an assignment recorded, by login name, with her assignments (answer: a list of {@link StaffView}). */
public record FindStaff() {
}
