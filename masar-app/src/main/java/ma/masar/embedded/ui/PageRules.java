package ma.masar.embedded.ui;

import ma.masar.access.PageAccess;
import ma.masar.access.Role;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Who may open which page: one area per role, the login and the pages' static files for anyone. Added to the API's
 * table (platform's {@code MasarSecurityConfiguration}) before its last rule, which refuses anything not named.
 */
@Component
class PageRules implements PageAccess {

    @Override
    public void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages) {
        pages
                .requestMatchers("/login", "/webjars/**", "/ui/**", "/favicon.ico").permitAll()
                // the OpenID Connect login's own steps (the redirect to Keycloak and back), where it is configured
                .requestMatchers("/oauth2/authorization/**", "/login/oauth2/code/**").permitAll()
                .requestMatchers("/worker", "/worker/**").hasRole(Role.SOCIAL_WORKER.name())
                .requestMatchers("/manager", "/manager/**").hasRole(Role.MANAGER.name())
                .requestMatchers("/auditor", "/auditor/**").hasRole(Role.AUDITOR.name())
                .requestMatchers("/admin", "/admin/**").hasRole(Role.ADMINISTRATOR.name())
                .requestMatchers("/", "/demo-progress").authenticated();
    }
}
