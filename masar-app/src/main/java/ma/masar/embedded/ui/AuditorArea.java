package ma.masar.embedded.ui;

import ma.masar.api.common.ProgrammeType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.List;

/** What every auditor's page needs in its model: her area, the read models she may rebuild, the programmes. */
@ControllerAdvice(assignableTypes = {AuditorPages.class, AuditorOperationsPages.class})
class AuditorArea {

    static final List<String> READ_MODELS = List.of("timeline", "search", "counts", "centres", "caseload");

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("role", "auditor");
        model.addAttribute("readModels", READ_MODELS);
        model.addAttribute("programmes", ProgrammeType.values());
    }
}
