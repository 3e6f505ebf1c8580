package ma.masar.embedded.ui;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page, in the page's language. With passwords (the embedded mode) it is the form whose post Spring
 * Security checks. With Keycloak (profile {@code keycloak}) a person asked to log in goes straight to Keycloak's
 * form; after a logout or a refused login the page says so and offers the way back in.
 */
@Controller
class LoginPage {

    static final String PATH = "/login";
    private static final String KEYCLOAK = "/oauth2/authorization/" + OpenIdConnectLogin.REGISTRATION;

    private final boolean openIdConnect;

    LoginPage(ObjectProvider<ClientRegistrationRepository> clients) {
        this.openIdConnect = clients.getIfAvailable() != null;
    }

    @GetMapping(PATH)
    String login(@RequestParam(required = false) String logout, @RequestParam(required = false) String error,
                 Model model) {
        if (openIdConnect && logout == null && error == null) {
            return "redirect:" + KEYCLOAK;
        }
        model.addAttribute("role", "login");
        model.addAttribute("openIdConnect", openIdConnect ? KEYCLOAK : null);
        return "login";
    }
}
