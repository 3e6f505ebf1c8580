package ma.masar.embedded.ui;

import ma.masar.access.CurrentActor;
import ma.masar.access.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Map;
import java.util.Set;

/** What every page's header needs: the same page in the other language, and who is logged in with which roles. */
@ControllerAdvice(assignableTypes = {HomePage.class, WorkerPages.class, CasePages.class, ManagerPages.class,
        AuditorPages.class, AuditorOperationsPages.class, LoginPage.class, FollowUpStatsPages.class, StaffPages.class,
        AdminPages.class, CentreAdminPages.class, PartnershipAdminPages.class, ImportPages.class})
class UiModelAdvice {

    private final CatchingUpBanner catchingUp;

    UiModelAdvice(CatchingUpBanner catchingUp) {
        this.catchingUp = catchingUp;
    }

    /** The person logged in, for the header: their name, and the areas their roles open. */
    record Person(String name, Set<Role> roles) {
        public boolean has(String role) {
            return roles.contains(Role.valueOf(role));
        }
    }

    @ModelAttribute
    void header(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("switchTo", Map.of("ar", here(request, "ar"), "fr", here(request, "fr")));
        model.addAttribute("person", CurrentActor.get().map(actor -> new Person(actor.userId(), actor.roles()))
                .orElse(new Person(null, Set.of())));
        catchingUp(request, response, model);
        if (!model.containsAttribute("role")) {
            model.addAttribute("role", "");
        }
    }

    /**
     * While the read models catch up, the banner's percent, and this page's address for the banner to ask again. The
     * banner's last question, answered once they are ready, reloads the page (htmx's HX-Refresh): its figures were
     * partial.
     */
    private void catchingUp(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (CurrentActor.get().isEmpty()) {
            return;   // the login page: the API answers the logged-in only
        }
        Integer percent = catchingUp.percent();
        if (percent != null) {
            model.addAttribute("catchingUp", percent);
            model.addAttribute("catchingUpFrom", UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString()).build().toUriString());
        } else if ("catching-up".equals(request.getHeader("HX-Target"))) {
            response.setHeader("HX-Refresh", "true");
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
