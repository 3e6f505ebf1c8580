package ma.masar.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * {@code masar.security.*}. In the embedded mode the people are listed here with BCrypt-hashed passwords; in
 * production they come from the OpenID Connect provider and this list is empty.
 *
 * @param users     people who log in with a password checked by Masar itself
 * @param loginPage the UI's login page, when this application serves one; API-only services leave it empty
 */
@ConfigurationProperties("masar.security")
public record SecurityProperties(List<User> users, String loginPage) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * The centres configured for a person: a bootstrap only, for a person with no assignment recorded yet (see
     * {@code ma.masar.api.staff}); once she has one, only her assignments count.
     */
    public List<String> configuredCentres(String username) {
        return users.stream().filter(user -> user.username().equalsIgnoreCase(username)).findFirst()
                    .map(User::centres).orElse(List.of()).stream()
                    .filter(centre -> !Actor.ALL_CENTRES.equals(centre)).toList();
    }

    /**
     * @param centres   centres she works in until her first assignment is recorded (the embedded mode's bootstrap);
     *                  {@code '*'} makes a service account of every centre
     * @param password a hash with its algorithm, e.g. {@code {bcrypt}$2a$10$...}; a plain password is refused
     */
    public record User(String username, String password, List<Role> roles, List<String> centres) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
            centres = centres == null ? List.of() : List.copyOf(centres);
        }
    }
}
