package ma.masar.embedded.ui;

import ma.masar.access.CurrentActor;
import ma.masar.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Map;
import java.util.Set;

/** What every page's header needs: the same page in the other language, and who is logged in with which roles. */
@ControllerAdvice(assignableTypes = {HomePage.class, WorkerPages.class, ManagerPages.class, AuditorPages.class,
        LoginPage.class, FollowUpStatsPages.class})
class UiModelAdvice {

    /** The person logged in, for the header: their name, and the areas their roles open. */
    record Person(String name, Set<Role> roles) {
        public boolean has(String role) {
            return roles.contains(Role.valueOf(role));
        }
    }

    @ModelAttribute
    void header(HttpServletRequest request, Model model) {
        model.addAttribute("switchTo", Map.of("ar", here(request, "ar"), "fr", here(request, "fr")));
        model.addAttribute("person", CurrentActor.get().map(actor -> new Person(actor.userId(), actor.roles()))
                .orElse(new Person(null, Set.of())));
        if (!model.containsAttribute("role")) {
            model.addAttribute("role", "");
        }
    }

    private static String here(HttpServletRequest request, String language) {
        return UriComponentsBuilder.fromPath(request.getRequestURI())
                .query(request.getQueryString())
                .replaceQueryParam("lang", language)
                .build()
                .toUriString();
    }
}
