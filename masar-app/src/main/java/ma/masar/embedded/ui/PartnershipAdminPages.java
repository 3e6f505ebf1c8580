package ma.masar.embedded.ui;

import ma.masar.embedded.ui.PageForms.Action;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import ma.masar.api.query.PartnershipSummary;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static ma.masar.embedded.ui.PageForms.ID;
import static ma.masar.embedded.ui.PageForms.body;
import static ma.masar.embedded.ui.PageForms.checkId;

/**
 * The administrator's partnership agreements: sign one, amend it, end it. Every change goes through the command API,
 * so a refusal is the API's problem JSON in the page's language, shown next to the field the rule is about.
 */
@Controller
@RequestMapping("/admin")
class PartnershipAdminPages {

    static final int LISTED = 200;
    private static final List<String> SIGN_FIELDS = List.of("partnerId", "partnerName", "partnerType", "subject",
            "amountMad", "startsOn", "endsOn", "centreIds", "signedOn");
    private static final Map<String, String> SIGN_RULES = Map.of(
            "PartnershipEndsBeforeStart", "endsOn", "AmountNegative", "amountMad",
            "DateInFuture", "signedOn", "DateOutOfRange", "startsOn");

    private static final Map<String, Action> PARTNERSHIP_ACTIONS = Map.of(
            "amendments", new Action("amendments", List.of("subject", "amountMad", "endsOn", "centreIds", "amendedOn",
                    "reason"), Map.of("PartnershipEndsBeforeStart", "endsOn", "AmountNegative", "amountMad",
                    "DateInFuture", "amendedOn", "DateOutOfRange", "endsOn")),
            "end", new Action("end", List.of("endedOn", "reason"),
                    Map.of("PartnershipEndsBeforeStart", "endedOn", "DateInFuture", "endedOn",
                            "DateOutOfRange", "endedOn")));

    private final MasarApi api;
    private final PartnerDirectory partners;

    PartnershipAdminPages(MasarApi api, PartnerDirectory partners) {
        this.api = api;
        this.partners = partners;
    }

    @GetMapping("/partnerships")
    String partnerships(@RequestParam(required = false) String open, Model model) {
        if (open != null && !open.isBlank()) {
            String id = open.strip();
            if (ID.matcher(id).matches()) {
                return "redirect:/admin/partnerships/" + id;
            }
            model.addAttribute("openInvalid", true);
        }
        model.addAttribute("form", FormState.empty());
        listed(model);
        return "admin/partnerships";
    }

    /** The agreements, by partner name, the first {@value #LISTED} of them (the 2010 network had 2,785 partners). */
    private void listed(Model model) {
        ApiAnswer answer = api.get("/api/partnerships");
        if (!answer.ok()) {
            model.addAttribute("problem", answer.problem());
            return;
        }
        List<PartnershipSummary> agreements = partners.agreements(answer);
        model.addAttribute("agreementsTotal", agreements.size());
        model.addAttribute("agreements", agreements.subList(0, Math.min(LISTED, agreements.size())));
    }

    @PostMapping("/partnerships")
    String sign(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/api/partnerships", partnershipBody(form, SIGN_FIELDS), form.get("idempotencyKey"));
        if (answer.ok()) {
            redirect.addFlashAttribute("done", "signed");
            return "redirect:/admin/partnerships/" + checkId(answer.body().path("partnershipId").asText());
        }
        model.addAttribute("form", FormState.refused(form, answer.problem(), SIGN_RULES));
        return "admin/partnerships";
    }

    @GetMapping("/partnerships/{partnershipId}")
    String partnership(@PathVariable String partnershipId, Model model) {
        return partnershipPage(checkId(partnershipId), null, null, model);
    }

    @PostMapping("/partnerships/{partnershipId}/{action}")
    String changePartnership(@PathVariable String partnershipId, @PathVariable String action,
                             @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        checkId(partnershipId);
        Action what = PageForms.action(PARTNERSHIP_ACTIONS, action);
        ApiAnswer answer = api.post("/api/partnerships/" + partnershipId + "/" + what.path(),
                partnershipBody(form, what.fields()), form.get("idempotencyKey"));
        if (answer.ok()) {
            redirect.addFlashAttribute("done", action);
            return "redirect:/admin/partnerships/" + partnershipId;
        }
        return partnershipPage(partnershipId, action,
                FormState.refused(form, answer.problem(), what.ruleFields()), model);
    }

    /** The API keeps no list of agreements to read back (only counts): the page holds the forms that change one. */
    private String partnershipPage(String partnershipId, String action, FormState refused, Model model) {
        model.addAttribute("partnershipId", partnershipId);
        PageForms.actionForms(model, PARTNERSHIP_ACTIONS, action, refused);
        return "admin/partnership";
    }

    /** Centres of an agreement are typed as ids separated by commas or spaces; the API takes a list. */
    private static Map<String, Object> partnershipBody(Map<String, String> form, List<String> fields) {
        Map<String, Object> body = body(form, fields);
        if (body.get("centreIds") instanceof String ids) {
            body.put("centreIds", Arrays.stream(ids.split("[,\\s،]+")).filter(id -> !id.isBlank()).toList());
        }
        return body;
    }
}
