package ma.masar.embedded.ui;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login form, in the page's language; Spring Security checks the password it posts. */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login(Model model) {
        model.addAttribute("role", "login");
        return "login";
    }
}
