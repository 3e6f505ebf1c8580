package ma.masar.access;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@link Actor} of the request being served, from a password login or an OpenID Connect token. */
public final class CurrentActor {

    /** The token claim that lists a social worker's centres (a user attribute mapped by the identity provider). */
    public static final String CENTRES_CLAIM = "centres";

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
        List<String> centres = List.of();
        if (authentication.getPrincipal() instanceof MasarUser user) {
            centres = user.centres();
        } else if (authentication instanceof JwtAuthenticationToken token) {
            List<String> claim = token.getToken().getClaimAsStringList(CENTRES_CLAIM);
            centres = claim == null ? List.of() : claim;
        }
        return Actor.of(authentication.getName(), roles, centres);
    }
}
