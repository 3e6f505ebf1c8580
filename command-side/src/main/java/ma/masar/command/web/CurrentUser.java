package ma.masar.command.web;

import ma.masar.access.Actor;
import ma.masar.access.CurrentActor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who issues a command: the person logged in (password or OpenID Connect token). Every event records them as
 * metadata {@code userId}. Outside a request (the demo data loader) it is the configured system user
 * {@code masar.default-user}, which is held to no centre.
 */
@Component
public class CurrentUser {

    private final String systemUser;

    CurrentUser(@Value("${masar.default-user:system}") String systemUser) {
        this.systemUser = systemUser;
    }

    public Actor actor() {
        return CurrentActor.get().orElseGet(() -> new Actor(systemUser, Set.of(), Set.of()));
    }

    public String id() {
        return actor().userId();
    }
}
