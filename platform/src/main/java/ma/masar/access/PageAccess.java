package ma.masar.access;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may open which page, where an application serves pages (the UI, in masar-app). The API's table stays in
 * {@link MasarSecurityConfiguration}, the same for both services; the pages' rules are the UI's own and are added
 * to it before the last rule, which refuses anything not named. A service without pages has none.
 */
public interface PageAccess {

    void authorize(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry pages);
}
