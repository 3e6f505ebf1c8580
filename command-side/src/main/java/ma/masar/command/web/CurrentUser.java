package ma.masar.command.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Who issues a command. Until access control lands this is the configured default user
 * ({@code masar.default-user}); every event records it as metadata {@code userId}.
 */
@Component
public class CurrentUser {

    private final String defaultUser;

    CurrentUser(@Value("${masar.default-user:demo}") String defaultUser) {
        this.defaultUser = defaultUser;
    }

    public String id() {
        return defaultUser;
    }
}
