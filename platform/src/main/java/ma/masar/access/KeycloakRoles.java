package ma.masar.access;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.ClaimAccessor;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A person's roles as Keycloak states them, in an access token (the API) or an ID token (the pages' login): the
 * realm's mapper puts them in {@code roles}; without it they are under {@code realm_access.roles}. Role names
 * other than Masar's four grant nothing here.
 */
public final class KeycloakRoles {

    private KeycloakRoles() {
    }

    public static List<SimpleGrantedAuthority> authorities(ClaimAccessor claims) {
        Object roles = claims.getClaims().get("roles");
        if (roles == null) {
            Map<String, Object> realmAccess = claims.getClaimAsMap("realm_access");
            roles = realmAccess == null ? null : realmAccess.get("roles");
        }
        if (!(roles instanceof Collection<?> names)) {
            return List.of();
        }
        return names.stream().map(name -> "ROLE_" + name.toString().toUpperCase(Locale.ROOT))
                    .map(SimpleGrantedAuthority::new).toList();
    }
}
