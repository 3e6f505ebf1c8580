package ma.masar.embedded.ui;

import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.ReferralOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The case page's plan: the forms that schedule a follow-up, record it done or cancel it, and track a referral
 * (response deadline, the partner's answer). Each form renders into the case page's action panel and posts to the
 * API as the other actions do; the plan itself ({@link CasePlanView}) is drawn from the timeline, so it follows the
 * case live.
 */
@Controller
@RequestMapping("/worker/cases/{beneficiaryId}/plan")
class CasePlanPages {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

    private record Action(String path, List<String> fields, Map<String, String> ruleFields) {
    }

    private static final Map<String, Action> ACTIONS = Map.of(
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

    CasePlanPages(MasarApi api) {
        this.api = api;
    }

    @GetMapping("/forms/{action}")
    String form(@PathVariable String beneficiaryId, @PathVariable String action,
                @RequestParam(required = false) String followUpId, @RequestParam(required = false) String referralId,
                Model model) {
        checkId(beneficiaryId);
        if (!ACTIONS.containsKey(action)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("followUpId", followUpId == null ? "" : checkId(followUpId));
        values.put("referralId", referralId == null ? "" : checkId(referralId));
        return fragment(beneficiaryId, action, FormState.of(values), model);
    }

    @PostMapping("/{action}")
    String act(@PathVariable String beneficiaryId, @PathVariable String action, @RequestParam Map<String, String> form,
               Model model) {
        checkId(beneficiaryId);
        Action what = ACTIONS.get(action);
        if (what == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String path = what.path().replace("{b}", beneficiaryId);
        if (path.contains("{f}")) {
            path = path.replace("{f}", checkId(form.get("followUpId")));
        }
        if (path.contains("{r}")) {
            path = path.replace("{r}", checkId(form.get("referralId")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : what.fields()) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                body.put(field, "what".equals(field) ? value : value.strip());
            }
        }
        ApiAnswer answer = api.post(path, body, form.get("idempotencyKey"));
        if (answer.ok()) {
            model.addAttribute("done", action);
            model.addAttribute("beneficiaryId", beneficiaryId);
            return "worker/actions :: done";
        }
        return fragment(beneficiaryId, action, FormState.refused(form, answer.problem(), what.ruleFields()), model);
    }

    private String fragment(String beneficiaryId, String action, FormState form, Model model) {
        model.addAttribute("beneficiaryId", beneficiaryId);
        model.addAttribute("form", form);
        model.addAttribute("followUpKinds", FollowUpKind.values());
        model.addAttribute("referralOutcomes", ReferralOutcome.values());
        model.addAttribute("earliestDue", LocalDate.now(MOROCCO).minusYears(1).toString());
        return "worker/plan :: " + action;
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }
}
