package ma.masar.command.web;

/**
 * What text fields accept. Names and other single-line fields refuse control characters and the
 * bidirectional overrides that can make an Arabic or Latin name display as something else; notes may
 * span lines.
 */
public final class Text {

    public static final String SINGLE_LINE = "^[^\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF]*$";
    public static final String MULTI_LINE = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069\\uFFFE\\uFFFF]*$";
    /**
     * Names of people and places: letters (any script), combining marks, spaces, apostrophes, dots, hyphens; it starts
     * with a letter and holds at least one letter other than the tatweel (a name of diacritics or tatweel alone is
     * no name).
     */
    public static final String NAME = "^(?=.*[\\p{L}&&[^\\u0640]])\\p{L}[\\p{L}\\p{M} '’.-]*$";
    public static final String ID = "^[A-Za-z0-9_-]{1,64}$";
    public static final String NATIONAL_ID = "^[A-Za-z]{1,2}[0-9]{1,7}$";

    /** An optional text field sent blank is absent; a value is kept without its surrounding spaces. */
    public static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Text() {
    }
}
