package ma.masar.api.staff;

/** The aggregate identifier of a staff member's assignments: her login name, prefixed so it is unlike any other. */
public final class StaffStream {

    private static final String PREFIX = "staff:";

    private StaffStream() {
    }

    public static String of(String staffId) {
        return PREFIX + staffId;
    }
}
