package ma.masar.embedded.ui;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Map;

/** What every page's header needs: the same page in the other language. */
@ControllerAdvice(assignableTypes = {HomePage.class, WorkerPages.class, ManagerPages.class, AuditorPages.class})
class UiModelAdvice {

    @ModelAttribute
    void header(HttpServletRequest request, Model model) {
        model.addAttribute("switchTo", Map.of("ar", here(request, "ar"), "fr", here(request, "fr")));
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
