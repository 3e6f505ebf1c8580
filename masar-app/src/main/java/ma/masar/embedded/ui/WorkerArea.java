package ma.masar.embedded.ui;

import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every social worker's page needs in its model: her area, and the lists her forms and filters offer. */
@ControllerAdvice(assignableTypes = {WorkerPages.class, CasePages.class})
class WorkerArea {

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("role", "worker");
        model.addAttribute("regions", Region.values());
        model.addAttribute("programmes", ProgrammeType.values());
    }
}
