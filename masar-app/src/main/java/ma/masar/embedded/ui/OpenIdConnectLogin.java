package ma.masar.embedded.ui;

import ma.masar.access.KeycloakRoles;
import ma.masar.access.PageLogin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pages' login in production: OpenID Connect's authorization-code flow with Keycloak (realm {@code masar},
 * public client {@code masar-ui} with PKCE), on when {@code masar.oidc.issuer} is set (profile {@code keycloak}).
 * Keycloak says who the person is and her roles (the ID token's {@code roles}); where she works is Masar's own
 * data. Logging out ends the Masar session and Keycloak's (RP-initiated logout).
 * <p>
 * The registration is written out rather than discovered because, in the compose stack, browsers reach Keycloak at
 * the issuer's address ({@code localhost:8180}) while this server reaches it over the compose network
 * ({@code masar.oidc.back-channel}, e.g. {@code http://keycloak:8080/realms/masar}): the browser goes to the
 * front address, tokens and keys come over the back one, and the ID token's issuer is still checked against the
 * front address (Keycloak's {@code KC_HOSTNAME}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "masar.oidc", name = "issuer")
@EnableConfigurationProperties(OpenIdConnectLogin.Provider.class)
class OpenIdConnectLogin {

    static final String REGISTRATION = "keycloak";
    private static final String ENDPOINTS = "/protocol/openid-connect";

    /**
     * {@code masar.oidc.*}.
     *
     * @param issuer       the realm's address as browsers see it, e.g. {@code http://localhost:8180/realms/masar}
     * @param backChannel  the realm's address as this server reaches it; the issuer's when empty
     * @param clientId     the client of the pages ({@code masar-ui})
     * @param clientSecret none for the public client with PKCE
     */
    @ConfigurationProperties("masar.oidc")
    record Provider(String issuer, String backChannel, String clientId, String clientSecret) {

        Provider {
            issuer = withoutSlash(issuer);
            backChannel = backChannel == null || backChannel.isBlank() ? issuer : withoutSlash(backChannel);
            clientId = clientId == null || clientId.isBlank() ? "masar-ui" : clientId;
            clientSecret = clientSecret == null || clientSecret.isBlank() ? null : clientSecret;
        }

        private static String withoutSlash(String url) {
            return url == null ? null : url.replaceAll("/+$", "");
        }
    }

    @Bean
    ClientRegistrationRepository keycloakClient(Provider provider) {
        ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientName("Keycloak")
                .clientId(provider.clientId())
                .clientSecret(provider.clientSecret())
                .clientAuthenticationMethod(provider.clientSecret() == null
                        ? ClientAuthenticationMethod.NONE : ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid")
                .issuerUri(provider.issuer())
                .authorizationUri(provider.issuer() + ENDPOINTS + "/auth")
                .tokenUri(provider.backChannel() + ENDPOINTS + "/token")
                .jwkSetUri(provider.backChannel() + ENDPOINTS + "/certs")
                .userInfoUri(provider.backChannel() + ENDPOINTS + "/userinfo")
                .userNameAttributeName("preferred_username")
                .providerConfigurationMetadata(Map.of("end_session_endpoint", provider.issuer() + ENDPOINTS + "/logout"))
                .build();
        return new InMemoryClientRegistrationRepository(keycloak);
    }

    @Bean
    PageLogin openIdConnectPageLogin(Provider provider, ClientRegistrationRepository clients,
                                     AuthenticationSuccessHandler landing) {
        OidcClientInitiatedLogoutSuccessHandler keycloakLogout = new OidcClientInitiatedLogoutSuccessHandler(clients);
        keycloakLogout.setPostLogoutRedirectUri("{baseUrl}/login?logout");
        String keycloak = URI.create(provider.issuer()).resolve("/").toString().replaceAll("/$", "");
        return new PageLogin() {
            @Override
            public void configure(HttpSecurity http) throws Exception {
                http.oauth2Login(login -> login
                        .loginPage(LoginPage.PATH)
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(keycloakRoles()))
                        .successHandler(landing));
                http.logout(logout -> logout.logoutSuccessHandler(keycloakLogout));
            }

            /** The logout form ends at Keycloak's end-session endpoint. */
            @Override
            public String formTargets() {
                return keycloak;
            }
        };
    }

    /** The roles Keycloak puts in the ID token, as Masar's authorities; nothing else grants a right. */
    private static GrantedAuthoritiesMapper keycloakRoles() {
        return authorities -> {
            List<GrantedAuthority> roles = new ArrayList<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    roles.addAll(KeycloakRoles.authorities(oidc.getIdToken()));
                }
            }
            return roles;
        };
    }
}
