package ma.masar.embedded.ui;

import jakarta.servlet.http.HttpServletResponse;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import ma.masar.api.query.BeneficiaryPage;
import ma.masar.api.query.LikelyMatch;
import ma.masar.api.query.LikelyMatches;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static ma.masar.embedded.ui.PageForms.body;
import static ma.masar.embedded.ui.PageForms.enumOrNull;

/**
 * The social worker's pages to find a person (search as you type) and register someone new (likely duplicates shown
 * first). A case, once found, is {@link CasePages}; her caseload {@link CaseloadPages}.
 */
@Controller
@RequestMapping("/worker")
class WorkerPages {

    private static final List<String> PERSON = List.of("givenNameAr", "familyNameAr", "givenNameLatin",
            "familyNameLatin", "dateOfBirth", "sex", "nationalId", "address", "disability", "region", "province",
            "household", "registeredOn");
    private static final Map<String, String> PERSON_RULES = Map.of(
            "NationalIdAlreadyRegistered", "nationalId",
            "DateInFuture", "dateOfBirth",
            "DateOutOfRange", "dateOfBirth");

    private final MasarApi api;

    WorkerPages(MasarApi api) {
        this.api = api;
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
}
