package ma.masar.embedded.ui;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ma.masar.access.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a person lands after logging in with the form: the page she asked for before the login form, unless that
 * was the home page; else her own area (a social worker her search, an auditor the history, a manager the
 * dashboard, an administrator her console). Anyone holding more than one of these areas lands on the home page,
 * which lists them.
 */
final class LoginLanding extends SavedRequestAwareAuthenticationSuccessHandler {

    private static final Map<Role, String> AREAS = Map.of(
            Role.SOCIAL_WORKER, "/worker", Role.AUDITOR, "/auditor", Role.MANAGER, "/manager",
            Role.ADMINISTRATOR, "/admin");

    private final RequestCache requests = new HttpSessionRequestCache();

    LoginLanding() {
        setRequestCache(requests);
    }

    /** The page of the one area the roles open; the home page for none or several. */
    static String landing(Set<Role> roles) {
        Set<Role> areas = EnumSet.noneOf(Role.class);
        roles.stream().filter(AREAS::containsKey).forEach(areas::add);
        return areas.size() == 1 ? AREAS.get(areas.iterator().next()) : "/";
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        // most people open Masar at its address: that is no page of their own to come back to
        SavedRequest asked = requests.getRequest(request, response);
        if (asked != null && isHome(asked.getRedirectUrl(), request.getContextPath())) {
            requests.removeRequest(request, response);
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }

    @Override
    protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return landing(roles);
    }

    private static boolean isHome(String url, String contextPath) {
        String path = URI.create(url).getPath();
        return path == null || path.isEmpty() || path.equals(contextPath) || path.equals(contextPath + "/");
    }
}
