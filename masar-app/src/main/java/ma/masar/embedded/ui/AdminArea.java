package ma.masar.embedded.ui;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import ma.masar.api.partnership.PartnerType;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every administrator's page needs in its model: her area, and the lists her forms and filters offer. */
@ControllerAdvice(assignableTypes = {AdminPages.class, CentreAdminPages.class, PartnershipAdminPages.class,
        StaffPages.class, ImportPages.class})
class AdminArea {

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("role", "admin");
        model.addAttribute("regions", Region.values());
        model.addAttribute("centreTypes", CentreType.values());
        model.addAttribute("partnerTypes", PartnerType.values());
        model.addAttribute("operatorKinds", Operator.OperatorKind.values());
    }
}
