package ma.masar.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@link Actor} of the request being served, from a password login or an OpenID Connect token: who she is and her
 * roles. Not where she works: a token claim or the configured list would be a copy that goes stale until the next
 * login or restart; each side resolves her centres from her assignments (events) when it needs them. Only a
 * configured service account's {@link Actor#ALL_CENTRES} is carried here.
 */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static Optional<Actor> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || "anonymousUser".equals(authentication.getPrincipal())) {
            return Optional.empty();
        }
        return Optional.of(of(authentication));
    }

    public static Actor of(Authentication authentication) {
        List<Role> roles = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            for (Role role : Role.values()) {
                if (role.authority().equals(name)) {
                    roles.add(role);
                }
            }
        }
        List<String> centres = authentication.getPrincipal() instanceof MasarUser user
                && user.centres().contains(Actor.ALL_CENTRES) ? List.of(Actor.ALL_CENTRES) : List.of();
        return Actor.of(authentication.getName(), roles, centres);
    }
}
