package ma.masar.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The tests' person: 'clerk' holds every role and every centre, password "test-password" hashed at BCrypt cost 4
 * (the demo users' cost 10 spends 70 ms a request on HTTP Basic). Given on the command line, the list replaces the
 * demo users of masar-embedded.yml. Tests about something else than access call as clerk.
 */
public final class TestUsers {

    public static final String CLERK = "clerk";
    public static final String PASSWORD = "test-password";

    private TestUsers() {
    }

    public static List<String> args() {
        return user(0, CLERK, "SOCIAL_WORKER,AUDITOR,MANAGER,ADMINISTRATOR", "*");
    }

    public static String basic() {
        return basic(CLERK);
    }

    /** HTTP Basic for another user configured with the same password ({@link #socialWorker}). */
    public static String basic(String username) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** A social worker of these centres, user number {@code index} of the configuration, with the clerk's password. */
    public static List<String> socialWorker(int index, String username, List<String> centres) {
        return user(index, username, "SOCIAL_WORKER", String.join(",", centres));
    }

    /** User number {@code index} of the configuration, with {@link #PASSWORD}. */
    private static List<String> user(int index, String username, String roles, String centres) {
        String user = "--masar.security.users[" + index + "].";
        return List.of(user + "username=" + username,
                user + "password={bcrypt}$2a$04$nU.2dH2wcBt5vICAco6iOOV7WzIRu5AyYkKcI1pCZkh7qsPpBobj6",
                user + "roles=" + roles,
                user + "centres=" + centres);
    }
}
