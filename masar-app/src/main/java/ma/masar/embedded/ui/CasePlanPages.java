package ma.masar.embedded.ui;

import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.ReferralOutcome;
import ma.masar.embedded.ui.PageForms.Action;
import ma.masar.query.access.StaffScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static ma.masar.embedded.ui.PageForms.body;
import static ma.masar.embedded.ui.PageForms.checkId;

/**
 * The case page's plan: the forms that schedule a follow-up, record it done or cancel it, refer the person to a
 * partner and track the referral (response deadline, the partner's answer). Each form renders into the case page's
 * action panel and posts to the API as the other actions do; the plan itself ({@link CasePlanView}) is drawn from the
 * timeline, so it follows the case live. A referral offers the agreements in force for the worker's centres; the API
 * takes no deadline with it, so once it is recorded the panel offers the deadline form for it.
 */
@Controller
@RequestMapping("/worker/cases/{beneficiaryId}/plan")
class CasePlanPages {

    private static final Map<String, Action> ACTIONS = Map.of(
            "referral", new Action("/api/beneficiaries/{b}/referrals", List.of("partnershipId", "purpose", "referredOn"),
                    Map.of("PartnershipNotFound", "partnershipId", "DateInFuture", "referredOn",
                            "DateOutOfRange", "referredOn", "DateBeforeBirth", "referredOn")),
            "follow-up", new Action("/api/beneficiaries/{b}/follow-ups", List.of("kind", "what", "dueOn", "assignedTo"),
                    Map.of("DueDateBeforeSchedule", "dueOn", "DateOutOfRange", "dueOn")),
            "follow-up-done", new Action("/api/beneficiaries/{b}/follow-ups/{f}/completion", List.of("doneOn"),
                    Map.of("DateInFuture", "doneOn", "DateOutOfRange", "doneOn")),
            "follow-up-cancel", new Action("/api/beneficiaries/{b}/follow-ups/{f}/cancellation", List.of("cancelledOn"),
                    Map.of("DateInFuture", "cancelledOn", "DateOutOfRange", "cancelledOn")),
            "referral-deadline", new Action("/api/beneficiaries/{b}/referrals/{r}/deadline", List.of("respondBy"),
                    Map.of("DueDateBeforeSchedule", "respondBy", "DateOutOfRange", "respondBy")),
            "referral-outcome", new Action("/api/beneficiaries/{b}/referrals/{r}/outcome", List.of("outcome", "outcomeOn"),
                    Map.of("DateInFuture", "outcomeOn", "DateOutOfRange", "outcomeOn")));

    private final MasarApi api;
    private final PartnerDirectory partners;
    private final StaffScope staff;
    private final Clock clock;

    CasePlanPages(MasarApi api, PartnerDirectory partners, StaffScope staff, Clock clock) {
        this.api = api;
        this.partners = partners;
        this.staff = staff;
        this.clock = clock;
    }

    @GetMapping("/forms/{action}")
    String form(@PathVariable String beneficiaryId, @PathVariable String action,
                @RequestParam(required = false) String followUpId, @RequestParam(required = false) String referralId,
                Model model) {
        checkId(beneficiaryId);
        PageForms.action(ACTIONS, action);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("followUpId", followUpId == null ? "" : checkId(followUpId));
        values.put("referralId", referralId == null ? "" : checkId(referralId));
        return fragment(beneficiaryId, action, FormState.of(values), model);
    }

    @PostMapping("/{action}")
    String act(@PathVariable String beneficiaryId, @PathVariable String action, @RequestParam Map<String, String> form,
               Model model) {
        checkId(beneficiaryId);
        Action what = PageForms.action(ACTIONS, action);
        String path = what.path().replace("{b}", beneficiaryId);
        if (path.contains("{f}")) {
            path = path.replace("{f}", checkId(form.get("followUpId")));
        }
        if (path.contains("{r}")) {
            path = path.replace("{r}", checkId(form.get("referralId")));
        }
        ApiAnswer answer = api.post(path, body(form, what.fields()), form.get("idempotencyKey"));
        if (answer.ok()) {
            model.addAttribute("done", action);
            model.addAttribute("beneficiaryId", beneficiaryId);
            String referralId = answer.body() == null ? null : answer.body().path("referralId").asText(null);
            if ("referral".equals(action) && referralId != null && PageForms.ID.matcher(referralId).matches()) {
                model.addAttribute("referralId", referralId); // its deadline is the next step, if she knows one
            }
            return "worker/actions :: done";
        }
        return fragment(beneficiaryId, action, FormState.refused(form, answer.problem(), what.ruleFields()), model);
    }

    private String fragment(String beneficiaryId, String action, FormState form, Model model) {
        model.addAttribute("beneficiaryId", beneficiaryId);
        model.addAttribute("form", form);
        model.addAttribute("followUpKinds", FollowUpKind.values());
        model.addAttribute("referralOutcomes", ReferralOutcome.values());
        model.addAttribute("earliestDue", LocalDate.now(clock).minusYears(1).toString());
        if ("referral".equals(action)) {
            model.addAttribute("partners", partners.choices(staff.current().orElseThrow(), LocalDate.now(clock)));
        }
        return "worker/plan :: " + action;
    }
}
