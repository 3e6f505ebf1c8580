package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.access.Actor;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.query.CaseTimeline;
import ma.masar.embedded.ui.PageForms.Action;
import ma.masar.query.access.StaffScope;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static ma.masar.embedded.ui.PageForms.body;
import static ma.masar.embedded.ui.PageForms.checkId;
import static ma.masar.embedded.ui.PageForms.enumOrNull;

/**
 * A case as the social worker sees it: its enrolments, the actions on them and the timeline, which follows the case
 * live. A case outside her centres opens only with a stated reason ("break the glass"). Every action goes through the
 * command API, so a refusal is the API's problem JSON, shown next to the field the rule is about.
 */
@Controller
@RequestMapping("/worker")
class CasePages {

    /** What each action on a case sends to which API path, and which field a broken rule is about. */
    private static final Map<String, Action> ACTIONS = Map.of(
            "enrol", new Action("/api/beneficiaries/{b}/enrolments",
                    List.of("centreId", "programme", "enrolledOn", "hostCompany", "takeOverReason"),
                    Map.ofEntries(Map.entry("OutsideYourCentres", "takeOverReason"),
                            Map.entry("CentreIsFull", "centreId"), Map.entry("CentreIsClosed", "centreId"),
                            Map.entry("CentreNotFound", "centreId"),
                            Map.entry("CentreTypeDoesNotMatchProgramme", "centreId"),
                            Map.entry("EducationCentresTakeGirlsAndWomen", "programme"),
                            Map.entry("KindergartenAgeOutOfRange", "programme"),
                            Map.entry("AlreadyActiveInProgramme", "programme"),
                            Map.entry("ApprenticeTooYoung", "programme"),
                            Map.entry("HostCompanyRequired", "hostCompany"),
                            Map.entry("DateInFuture", "enrolledOn"), Map.entry("DateOutOfRange", "enrolledOn"),
                            Map.entry("DateBeforeBirth", "enrolledOn"))),
            "apprenticeship", new Action("/api/beneficiaries/{b}/enrolments/{e}/apprenticeship",
                    List.of("apprenticeshipCentreId", "hostCompany", "contractDate", "takeOverReason"),
                    Map.of("OutsideYourCentres", "takeOverReason", "CentreIsFull", "apprenticeshipCentreId",
                            "CentreIsClosed", "apprenticeshipCentreId",
                            "CentreNotFound", "apprenticeshipCentreId",
                            "CentreTypeDoesNotMatchProgramme", "apprenticeshipCentreId",
                            "HostCompanyRequired", "hostCompany", "ApprenticeTooYoung", "contractDate",
                            "DateInFuture", "contractDate", "DateOutOfRange", "contractDate",
                            "DateBeforeBirth", "contractDate")),
            "completion", new Action("/api/beneficiaries/{b}/enrolments/{e}/completion",
                    List.of("outcome", "completedOn"), dates("completedOn")),
            "withdrawal", new Action("/api/beneficiaries/{b}/enrolments/{e}/withdrawal",
                    List.of("reason", "withdrawnOn"), dates("withdrawnOn")),
            "discharge", new Action("/api/beneficiaries/{b}/enrolments/{e}/discharge",
                    List.of("reason", "dischargedOn"), dates("dischargedOn")),
            "service", new Action("/api/beneficiaries/{b}/services",
                    List.of("enrolmentId", "type", "deliveredOn"), dates("deliveredOn")),
            "note", new Action("/api/beneficiaries/{b}/notes", List.of("text", "writtenOn"), dates("writtenOn")),
            // two records of one person: the other one is merged into this case; undone from the merged record
            "merge", new Action("/api/beneficiaries/{b}/merges", List.of("duplicateId", "reason"),
                    Map.of("BeneficiaryMerged", "duplicateId", "CannotMergeWithItself", "duplicateId",
                            "DuplicateHoldsMergedRecords", "duplicateId", "OutsideYourCentres", "duplicateId",
                            "BeneficiaryNotFound", "duplicateId")),
            "merge-undo", new Action("/api/beneficiaries/{b}/merge-undo", List.of("reason"),
                    Map.of("NotMerged", "reason", "OutsideYourCentres", "reason")));

    private final MasarApi api;
    private final CentreDirectory centres;
    private final StaffScope staff;

    CasePages(MasarApi api, CentreDirectory centres, StaffScope staff) {
        this.api = api;
        this.centres = centres;
        this.staff = staff;
    }

    @GetMapping("/cases/{beneficiaryId}")
    String caseFile(@PathVariable String beneficiaryId, @RequestParam(required = false) String reason, Model model) {
        checkId(beneficiaryId);
        ApiAnswer answer = timeline(beneficiaryId, reason);
        if (answer.problem() != null && "OutsideYourCentres".equals(answer.problem().rule())) {
            // not a case of the worker's centres: they may open it by stating why ("break the glass")
            model.addAttribute("outside", answer.problem());
            model.addAttribute("view", CaseView.pending(beneficiaryId));
            return "worker/case";
        }
        model.addAttribute("view", view(beneficiaryId, answer));
        if (answer.ok()) {
            person(beneficiaryId, reason, model);
        }
        return "worker/case";
    }

    /**
     * Who the person is (names, national ID): read apart from the timeline, which carries none, from the search's read
     * model. That one may follow the timeline's by a moment: while it does not know her yet ({@code whoPending}), the
     * live part asks again a second later, since no further event of the case may come to refresh it.
     */
    private void person(String beneficiaryId, String reason, Model model) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (reason != null && !reason.isBlank()) {
            parameters.put("reason", reason);
        }
        ApiAnswer answer = api.get("/api/beneficiaries/" + beneficiaryId, parameters);
        model.addAttribute("beneficiary", answer.ok() ? answer.body() : null);
        model.addAttribute("whoPending", answer.status() == 404);
    }

    /** The part of the case page that follows the case: asked again at each event of the timeline's live stream. */
    @GetMapping("/cases/{beneficiaryId}/live")
    String live(@PathVariable String beneficiaryId, Model model) {
        CaseView view = caseView(beneficiaryId);
        model.addAttribute("view", view);
        if (!view.isPending()) {
            person(beneficiaryId, null, model);
        }
        return "worker/case :: live";
    }

    @GetMapping("/cases/{beneficiaryId}/forms/{action}")
    String actionForm(@PathVariable String beneficiaryId, @PathVariable String action,
                      @RequestParam(required = false) String enrolmentId,
                      @RequestParam(required = false) String programme,
                      @RequestParam(required = false) String region, Model model) {
        checkId(beneficiaryId);
        PageForms.action(ACTIONS, action);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("enrolmentId", enrolmentId == null ? "" : checkId(enrolmentId));
        values.put("programme", programme == null ? "" : programme);
        if ((region == null || region.isBlank()) && ("enrol".equals(action) || "apprenticeship".equals(action))) {
            // the page may have been drawn before the registration was projected: ask the case now
            Object registered = caseView(beneficiaryId).registered("region");
            region = registered == null ? null : registered.toString();
        }
        values.put("region", region == null ? "" : region);
        return actionFragment(beneficiaryId, action, FormState.of(values), model);
    }

    @PostMapping("/cases/{beneficiaryId}/{action}")
    String act(@PathVariable String beneficiaryId, @PathVariable String action,
               @RequestParam Map<String, String> form, Model model) {
        checkId(beneficiaryId);
        Action what = PageForms.action(ACTIONS, action);
        String enrolmentId = form.getOrDefault("enrolmentId", "");
        String path = what.path().replace("{b}", beneficiaryId);
        if (path.contains("{e}")) {
            path = path.replace("{e}", checkId(enrolmentId));
        }
        ApiAnswer answer = api.post(path, body(form, what.fields()), form.get("idempotencyKey"));
        if (answer.ok()) {
            model.addAttribute("done", action);
            model.addAttribute("beneficiaryId", beneficiaryId);
            return "worker/actions :: done";
        }
        return actionFragment(beneficiaryId, action, FormState.refused(form, answer.problem(), what.ruleFields()), model);
    }

    /** The centres an enrolment form offers for a programme, in a region. */
    @GetMapping("/centre-options")
    String centreOptions(@RequestParam(required = false) String programme, @RequestParam(required = false) String region,
                         @RequestParam(required = false) String selected, Model model) {
        model.addAttribute("options", centreChoices(programme, region));
        model.addAttribute("centresAsked", asked(programme, region));
        model.addAttribute("selected", selected);
        return "worker/actions :: centre-options";
    }

    private String actionFragment(String beneficiaryId, String action, FormState form, Model model) {
        model.addAttribute("beneficiaryId", beneficiaryId);
        model.addAttribute("form", form);
        switch (action) {
            case "enrol" -> {
                model.addAttribute("centres", centreChoices(form.value("programme"), form.value("region")));
                model.addAttribute("centresAsked", asked(form.value("programme"), form.value("region")));
            }
            case "apprenticeship" -> {
                model.addAttribute("centres", centreChoices(ProgrammeType.APPRENTICESHIP.name(), form.value("region")));
                model.addAttribute("centresAsked", asked(ProgrammeType.APPRENTICESHIP.name(), form.value("region")));
            }
            case "completion" -> model.addAttribute("outcomes", CompletionOutcome.values());
            case "withdrawal" -> model.addAttribute("reasons", WithdrawalReason.values());
            case "discharge" -> model.addAttribute("reasons", DischargeReason.values());
            case "service" -> model.addAttribute("services", ServiceType.values());
            default -> {
            }
        }
        return "worker/actions :: " + action;
    }

    private List<CentreChoice> centreChoices(String programme, String region) {
        ProgrammeType type = enumOrNull(ProgrammeType.class, programme);
        Region where = enumOrNull(Region.class, region);
        if (type == null || where == null) {
            return List.of();
        }
        CentreType centreType = type.centreType();
        // a social worker enrols only into her own centres (her assignments today): offer no other
        Actor actor = staff.current().orElseThrow();
        return centres.list(where, centreType).stream()
                .filter(c -> actor.worksIn(c.centreId()))
                .map(c -> new CentreChoice(c.centreId(), CentreDirectory.nameIn(c), c.province(), c.capacity(),
                        c.occupied(), "OPEN".equals(c.status().name())))
                .toList();
    }

    private static boolean asked(String programme, String region) {
        return enumOrNull(ProgrammeType.class, programme) != null && enumOrNull(Region.class, region) != null;
    }

    /** A centre as an enrolment form offers it: name, province, seats taken of the capacity. */
    public record CentreChoice(String centreId, String name, String province, int capacity, int occupied,
                               boolean open) {
        public boolean full() {
            return occupied >= capacity;
        }
    }

    private CaseView caseView(String beneficiaryId) {
        checkId(beneficiaryId);
        return view(beneficiaryId, timeline(beneficiaryId, null));
    }

    private ApiAnswer timeline(String beneficiaryId, String reason) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("lang", LocaleContextHolder.getLocale().getLanguage());
        if (reason != null && !reason.isBlank()) {
            parameters.put("reason", reason);
        }
        return api.get("/api/beneficiaries/" + beneficiaryId + "/timeline", parameters);
    }

    private CaseView view(String beneficiaryId, ApiAnswer answer) {
        if (!answer.ok()) {
            return CaseView.pending(beneficiaryId);
        }
        return CaseView.of(beneficiaryId, api.convert(answer.body(), CaseTimeline.class));
    }

    /** The case's centres by name, for the page. */
    @ModelAttribute("centreNames")
    CentreDirectory centreNames() {
        return centres;
    }

    private static Map<String, String> dates(String field) {
        return Map.of("DateInFuture", field, "DateOutOfRange", field, "DateBeforeBirth", field);
    }
}
