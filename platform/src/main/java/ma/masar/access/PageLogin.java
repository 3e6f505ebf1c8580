package ma.masar.access;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * How people log in to the pages when Masar does not check passwords itself: the UI provides it (OpenID Connect
 * with Keycloak), the security table stays in {@link MasarSecurityConfiguration}. Services that serve no page have
 * none, and accept only tokens.
 */
public interface PageLogin {

    void configure(HttpSecurity http) throws Exception;

    /**
     * Where the pages' forms may lead besides Masar itself (the content security policy's {@code form-action}): the
     * logout form ends at the identity provider, which ends its own session too.
     */
    default String formTargets() {
        return "";
    }
}
