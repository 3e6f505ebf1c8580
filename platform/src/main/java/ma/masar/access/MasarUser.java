package ma.masar.access;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.Collection;
import java.util.List;

/** A person of the configured list: Spring's user with the centres they work in. */
public class MasarUser extends User {

    private final List<String> centres;

    MasarUser(SecurityProperties.User user) {
        super(user.username(), user.password(), authorities(user.roles()));
        this.centres = user.centres();
    }

    public List<String> centres() {
        return centres;
    }

    private static Collection<SimpleGrantedAuthority> authorities(List<Role> roles) {
        return roles.stream().map(role -> new SimpleGrantedAuthority(role.authority())).toList();
    }
}
