package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletResponse;
import ma.masar.access.Actor;
import ma.masar.query.access.StaffScope;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.query.BeneficiaryPage;
import ma.masar.api.query.BeneficiarySummary;
import ma.masar.api.query.CaseTimeline;
import ma.masar.api.query.LikelyMatch;
import ma.masar.api.query.LikelyMatches;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The social worker's pages: find a person (search as you type, likely duplicates flagged), register someone new,
 * and a case: its enrolments, the actions on them and the timeline, which follows the case live.
 */
@Controller
@RequestMapping("/worker")
class WorkerPages {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final List<String> PERSON = List.of("givenNameAr", "familyNameAr", "givenNameLatin",
            "familyNameLatin", "dateOfBirth", "sex", "nationalId", "address", "disability", "region", "province",
            "household", "registeredOn");
    private static final Map<String, String> PERSON_RULES = Map.of(
            "NationalIdAlreadyRegistered", "nationalId",
            "DateInFuture", "dateOfBirth",
            "DateOutOfRange", "dateOfBirth");

    /** What each action on a case sends to which API path, and which field a broken rule is about. */
    private record Action(String path, List<String> fields, Map<String, String> ruleFields) {
    }

    private static final Map<String, Action> ACTIONS = Map.of(
            "enrol", new Action("/api/beneficiaries/{b}/enrolments",
                    List.of("centreId", "programme", "enrolledOn", "hostCompany", "takeOverReason"),
                    Map.ofEntries(Map.entry("OutsideYourCentres", "takeOverReason"), Map.entry("CentreIsFull", "centreId"), Map.entry("CentreIsClosed", "centreId"),
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
                    Map.of("OutsideYourCentres", "takeOverReason", "CentreIsFull", "apprenticeshipCentreId", "CentreIsClosed", "apprenticeshipCentreId",
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

    WorkerPages(MasarApi api, CentreDirectory centres, StaffScope staff) {
        this.staff = staff;
        this.api = api;
        this.centres = centres;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("role", "worker");
        model.addAttribute("regions", Region.values());
        model.addAttribute("programmes", ProgrammeType.values());
    }

    // ---- finding a person

    @GetMapping
    String search(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        results(q, null, model);
        return "worker/search";
    }

    @GetMapping("/search")
    String searchResults(@RequestParam(required = false) String q, Model model) {
        results(q, null, model);
        return "worker/search :: results";
    }

    private void results(String q, Integer birthYear, Model model) {
        model.addAttribute("searched", q != null && !q.isBlank());
        if (q == null || q.isBlank()) {
            model.addAttribute("page", null);
            return;
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", q.strip());
        query.put("birthYear", birthYear);
        query.put("size", 20);
        ApiAnswer answer = api.get("/api/beneficiaries", query);
        model.addAttribute("problem", answer.problem());
        model.addAttribute("page", answer.ok() ? api.convert(answer.body(), BeneficiaryPage.class) : null);
    }

    // ---- registering someone new

    @GetMapping("/register")
    String registerForm(Model model) {
        model.addAttribute("form", FormState.empty());
        personChoices(model);
        return "worker/register";
    }

    /** Who may be this person already, while the form is typed: the likely matches and why. */
    @GetMapping("/register/matches")
    String matches(@RequestParam Map<String, String> form, Model model) {
        model.addAttribute("matches", likelyMatches(form));
        return "worker/parts :: matches";
    }

    /**
     * Registers, but first shows the likely matches in the form: registering anyway then states that the person is
     * none of them ({@code notTheSameAs}, recorded with the registration). Asked again at the second post, so that a
     * name changed in between is checked too: only matches she was shown are stated, and new ones are shown first.
     */
    @PostMapping("/register")
    String register(@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                    @RequestHeader(value = "HX-Request", required = false) String htmx) {
        List<LikelyMatch> matches = likelyMatches(form);
        Set<String> shown = new LinkedHashSet<>();
        matches.forEach(match -> shown.add(match.beneficiaryId()));
        Set<String> stated = new LinkedHashSet<>(Arrays.asList(form.getOrDefault("notTheSameAs", "").split(",")));
        if (!stated.containsAll(shown)) {
            model.addAttribute("form", FormState.refused(form, null, Map.of()));
            model.addAttribute("likelyMatches", matches);
            model.addAttribute("notTheSameAs", String.join(",", shown));
            personChoices(model);
            return htmx != null ? "worker/register :: form" : "worker/register";
        }
        Map<String, Object> body = body(form, PERSON);
        if (!shown.isEmpty()) {
            body.put("notTheSameAs", List.copyOf(shown));
        }
        ApiAnswer answer = api.post("/api/beneficiaries", body, form.get("idempotencyKey"));
        if (answer.ok()) {
            String beneficiaryId = answer.body().path("beneficiaryId").asText();
            awaitReadable(beneficiaryId);
            String to = "/worker/cases/" + beneficiaryId;
            if (htmx != null) {
                response.setHeader("HX-Redirect", to);
                return "worker/parts :: registered";
            }
            return "redirect:" + to;
        }
        model.addAttribute("form", FormState.refused(form, answer.problem(), PERSON_RULES));
        personChoices(model);
        return htmx != null ? "worker/register :: form" : "worker/register";
    }

    /**
     * Waits a moment for a case just registered to be readable: until the search read model holds it, a worker's
     * own new case reads as one outside her centres, and the page would ask her why she opens it.
     */
    private void awaitReadable(String beneficiaryId) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < until) {
            ApiAnswer person = api.get("/api/beneficiaries/" + beneficiaryId);
            if (person.problem() == null || !"OutsideYourCentres".equals(person.problem().rule())) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The likely matches of the form's names (none when the query side cannot tell: the registration decides). */
    private List<LikelyMatch> likelyMatches(Map<String, String> form) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (String field : List.of("givenNameAr", "familyNameAr", "givenNameLatin", "familyNameLatin")) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                query.put(field, value.strip());
            }
        }
        if (query.isEmpty()) {
            return List.of();
        }
        query.put("birthYear", birthYear(form.get("dateOfBirth")));
        Sex sex = enumOrNull(Sex.class, form.get("sex"));
        Region region = enumOrNull(Region.class, form.get("region"));
        query.put("sex", sex == null ? null : sex.name());
        query.put("region", region == null ? null : region.name());
        ApiAnswer answer = api.get("/api/beneficiaries/likely-matches", query);
        return answer.ok() ? api.convert(answer.body(), LikelyMatches.class).matches() : List.of();
    }

    private static void personChoices(Model model) {
        model.addAttribute("sexes", Sex.values());
        model.addAttribute("households", HouseholdSituation.values());
    }

    // ---- a case

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
            model.addAttribute("beneficiary", person(beneficiaryId, reason));
        }
        return "worker/case";
    }

    /** Who the person is (names, national ID): read apart from the timeline, which carries none. */
    private JsonNode person(String beneficiaryId, String reason) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (reason != null && !reason.isBlank()) {
            parameters.put("reason", reason);
        }
        ApiAnswer answer = api.get("/api/beneficiaries/" + beneficiaryId, parameters);
        return answer.ok() ? answer.body() : null;
    }

    /** The part of the case page that follows the case: asked again at each event of the timeline's live stream. */
    @GetMapping("/cases/{beneficiaryId}/live")
    String live(@PathVariable String beneficiaryId, Model model) {
        CaseView view = caseView(beneficiaryId);
        model.addAttribute("view", view);
        if (!view.isPending()) {
            model.addAttribute("beneficiary", person(beneficiaryId, null));
        }
        return "worker/case :: live";
    }

    @GetMapping("/cases/{beneficiaryId}/forms/{action}")
    String actionForm(@PathVariable String beneficiaryId, @PathVariable String action,
                      @RequestParam(required = false) String enrolmentId,
                      @RequestParam(required = false) String programme,
                      @RequestParam(required = false) String region, Model model) {
        checkId(beneficiaryId);
        if (!ACTIONS.containsKey(action)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
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
        Action what = ACTIONS.get(action);
        if (what == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
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
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        parameters.put("lang", org.springframework.context.i18n.LocaleContextHolder.getLocale().getLanguage());
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

    // ----

    private static Map<String, Object> body(Map<String, String> form, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : fields) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                body.put(field, "text".equals(field) ? value : value.strip());
            }
        }
        return body;
    }

    private static Map<String, String> dates(String field) {
        return Map.of("DateInFuture", field, "DateOutOfRange", field, "DateBeforeBirth", field);
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }

    private static Integer birthYear(String date) {
        if (date == null || date.length() < 4) {
            return null;
        }
        try {
            return Integer.parseInt(date.substring(0, 4));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String join(String... words) {
        Set<String> parts = new LinkedHashSet<>();
        Arrays.stream(words).filter(w -> w != null && !w.isBlank()).map(String::strip).forEach(parts::add);
        return String.join(" ", parts);
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
