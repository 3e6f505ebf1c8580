package ma.masar.command;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The tests' people (src/test/resources/config/masar-command.yml): an Authorization header for each. */
public final class TestUsers {

    /** Every role, every centre: for the tests that are about something else than access. */
    public static final String CLERK = "clerk";

    private TestUsers() {
    }

    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":test-password").getBytes(StandardCharsets.UTF_8));
    }
}
