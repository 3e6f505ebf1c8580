package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.query.CentreOccupancy;
import ma.masar.api.query.CentrePage;
import ma.masar.api.query.CentreSummary;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The administrator's console, on the same public API as the other pages: what needs her (dead letters, read models
 * catching up, paused logins), centres (open, change capacity, convert to apprenticeship, close), partnership
 * agreements (sign, amend, end) and operations. Every change goes through the command API, so a refusal is the
 * API's problem JSON in the page's language, shown next to the field the rule is about; nothing is decided here.
 */
@Controller
@RequestMapping("/admin")
class AdminPages {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    /** Dead-letter groups and sequence ids as the API names them (the auditor's pages accept the same). */
    private static final Pattern LETTER_ID = Pattern.compile("^[A-Za-z0-9_.:-]{1,128}$");
    private static final int PAGE_SIZE = 25;

    private static final List<String> OPEN_FIELDS = List.of("type", "nameAr", "nameFr", "region", "province",
            "capacity", "operatorKind", "partnerName", "authorisationReference", "openedOn");
    private static final Map<String, String> OPEN_RULES = Map.of(
            "AuthorisationRequiredForSocialCare", "authorisationReference",
            "DateInFuture", "openedOn", "DateOutOfRange", "openedOn");

    private static final List<String> SIGN_FIELDS = List.of("partnerId", "partnerName", "partnerType", "subject",
            "amountMad", "startsOn", "endsOn", "centreIds", "signedOn");
    private static final Map<String, String> SIGN_RULES = Map.of(
            "PartnershipEndsBeforeStart", "endsOn", "AmountNegative", "amountMad",
            "DateInFuture", "signedOn", "DateOutOfRange", "startsOn");

    /** A change to a centre or an agreement: the API path under it, the fields it sends, where a rule's word goes. */
    private record Action(String path, List<String> fields, Map<String, String> ruleFields) {
    }

    private static final Map<String, Action> CENTRE_ACTIONS = Map.of(
            "capacity", new Action("capacity", List.of("capacity", "effectiveOn"),
                    Map.of("CapacityBelowOccupancy", "capacity", "CentreIsClosed", "capacity",
                            "DateInFuture", "effectiveOn", "DateOutOfRange", "effectiveOn")),
            "conversion", new Action("conversion", List.of("convertedOn"),
                    Map.of("DateInFuture", "convertedOn", "DateOutOfRange", "convertedOn")),
            "closure", new Action("closure", List.of("closedOn", "reason"),
                    Map.of("DateInFuture", "closedOn", "DateOutOfRange", "closedOn")));

    private static final Map<String, Action> PARTNERSHIP_ACTIONS = Map.of(
            "amendments", new Action("amendments", List.of("subject", "amountMad", "endsOn", "centreIds", "amendedOn",
                    "reason"), Map.of("PartnershipEndsBeforeStart", "endsOn", "AmountNegative", "amountMad",
                    "DateInFuture", "amendedOn", "DateOutOfRange", "endsOn")),
            "end", new Action("end", List.of("endedOn", "reason"),
                    Map.of("PartnershipEndsBeforeStart", "endedOn", "DateInFuture", "endedOn",
                            "DateOutOfRange", "endedOn")));

    private final MasarApi api;
    private final CentreDirectory centres;

    AdminPages(MasarApi api, CentreDirectory centres) {
        this.api = api;
        this.centres = centres;
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("role", "admin");
        model.addAttribute("regions", Region.values());
        model.addAttribute("centreTypes", CentreType.values());
        model.addAttribute("partnerTypes", PartnerType.values());
        model.addAttribute("operatorKinds", Operator.OperatorKind.values());
    }

    // ---- what needs the administrator

    /** What the home page counts; a null count means the API did not say (its problem is shown instead). */
    record Attention(Integer deadLetters, Integer pausedLogins, Boolean readModelsReady, Integer catchUpPercent,
                     List<CatchingUp> catchingUp) {
    }

    record CatchingUp(String name, int percent) {
    }

    @GetMapping
    String home(Model model) {
        ApiAnswer letters = api.get("/api/audit/dead-letters");
        ApiAnswer logins = api.get("/api/security/login-throttle");
        ApiAnswer catchUp = api.get("/api/stats/catching-up");
        Integer paused = null;
        if (logins.ok()) {
            paused = 0;
            Instant now = Instant.now();
            for (JsonNode failure : logins.body()) {
                if (pausedAfter(failure, now)) {
                    paused++;
                }
            }
        }
        List<CatchingUp> behind = new ArrayList<>();
        if (catchUp.ok()) {
            for (JsonNode readModel : catchUp.body().path("readModels")) {
                if (!readModel.path("caughtUp").asBoolean(false)) {
                    behind.add(new CatchingUp(readModel.path("name").asText(), readModel.path("percent").asInt()));
                }
            }
        }
        model.addAttribute("attention", new Attention(
                letters.ok() ? letters.body().size() : null, paused,
                catchUp.ok() ? catchUp.body().path("ready").asBoolean(false) : null,
                catchUp.ok() ? catchUp.body().path("percent").asInt() : null, behind));
        model.addAttribute("problems", Arrays.asList(letters.problem(), logins.problem(), catchUp.problem()).stream()
                .filter(p -> p != null).distinct().toList());
        return "admin/home";
    }

    // ---- centres

    @GetMapping("/centres")
    String centreList(@RequestParam(required = false) String region, @RequestParam(required = false) String type,
                      @RequestParam(required = false) Integer page, Model model) {
        Region inRegion = enumOrNull(Region.class, region);
        CentreType ofType = enumOrNull(CentreType.class, type);
        int at = page == null || page < 0 ? 0 : page;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("region", inRegion);
        query.put("type", ofType);
        query.put("page", at);
        query.put("size", PAGE_SIZE);
        ApiAnswer answer = api.get("/api/centres", query);
        CentrePage found = answer.ok() ? api.convert(answer.body(), CentrePage.class) : null;
        model.addAttribute("region", inRegion == null ? "" : inRegion.name());
        model.addAttribute("type", ofType == null ? "" : ofType.name());
        model.addAttribute("found", found);
        model.addAttribute("problem", answer.problem());
        model.addAttribute("pageNumber", at);
        model.addAttribute("pages", found == null ? 0 : (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        return "admin/centres";
    }

    @GetMapping("/centres/new")
    String openForm(Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("operatorKind", Operator.OperatorKind.AGENCY.name());
        model.addAttribute("form", FormState.of(values));
        return "admin/centre-new";
    }

    @PostMapping("/centres/new")
    String open(@RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        Map<String, Object> body = body(form, OPEN_FIELDS);
        if (!Operator.OperatorKind.PARTNER.name().equals(form.get("operatorKind"))) {
            body.remove("partnerName");
        }
        ApiAnswer answer = api.post("/api/centres", body, form.get("idempotencyKey"));
        if (answer.ok()) {
            redirect.addFlashAttribute("done", "opened");
            return "redirect:/admin/centres/" + checkId(answer.body().path("centreId").asText());
        }
        model.addAttribute("form", FormState.refused(form, answer.problem(), OPEN_RULES));
        return "admin/centre-new";
    }

    @GetMapping("/centres/{centreId}")
    String centre(@PathVariable String centreId, @RequestParam(required = false) String expect, Model model) {
        if (expect != null && !model.containsAttribute("expect")) {
            model.addAttribute("expect", expect);
        }
        return centrePage(checkId(centreId), null, null, model);
    }

    @PostMapping("/centres/{centreId}/{action}")
    String changeCentre(@PathVariable String centreId, @PathVariable String action,
                        @RequestParam Map<String, String> form, Model model, RedirectAttributes redirect) {
        checkId(centreId);
        Action what = CENTRE_ACTIONS.get(action);
        if (what == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ApiAnswer answer = api.post("/api/centres/" + centreId + "/" + what.path(), body(form, what.fields()),
                form.get("idempotencyKey"));
        if (answer.ok()) {
            redirect.addFlashAttribute("done", action);
            redirect.addFlashAttribute("expect", switch (action) {
                case "capacity" -> "capacity:" + form.getOrDefault("capacity", "").strip();
                case "conversion" -> "type:" + CentreType.APPRENTICESHIP_CENTRE.name();
                default -> "status:CLOSED";
            });
            return "redirect:/admin/centres/" + centreId;
        }
        return centrePage(centreId, action, FormState.refused(form, answer.problem(), what.ruleFields()), model);
    }

    /**
     * A centre, its seats and the forms that change it; {@code refused} is the form the API just refused. The centre
     * list is a read model that follows the events: right after a change it may not show it yet, so the page asks
     * again (htmx, every half second) until it does ({@code expect}: the field and the value the change gives it).
     */
    private String centrePage(String centreId, String action, FormState refused, Model model) {
        ApiAnswer answer = api.get("/api/centres/" + centreId + "/occupancy");
        boolean missing = answer.problem() != null && answer.problem().notFound() && !answer.problem().routeMissing();
        if (missing && !model.containsAttribute("expect") && !model.containsAttribute("done")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        CentreOccupancy occupancy = answer.ok() ? api.convert(answer.body(), CentreOccupancy.class) : null;
        CentreSummary centre = occupancy == null ? null : summary(occupancy);
        String expect = missing ? "opened" : (String) model.asMap().get("expect");
        if (expect != null && (occupancy == null || !shows(occupancy, expect))) {
            model.addAttribute("pollFrom", "/admin/centres/" + centreId + "?expect="
                    + UriUtils.encodeQueryParam(expect, StandardCharsets.UTF_8));
        }
        model.addAttribute("centreId", centreId);
        model.addAttribute("occupancy", occupancy);
        model.addAttribute("centre", centre);
        // while the list does not hold the centre yet, asking the directory would only reload it for nothing
        model.addAttribute("centreName", centre != null ? CentreDirectory.nameIn(centre)
                : occupancy != null ? centres.name(centreId) : centreId);
        model.addAttribute("problem", missing ? null : answer.problem());
        for (String name : CENTRE_ACTIONS.keySet()) {
            model.addAttribute(name + "Form", name.equals(action) ? refused : FormState.empty());
        }
        return "admin/centre";
    }

    private static boolean shows(CentreOccupancy centre, String expect) {
        String[] what = expect.split(":", 2);
        return switch (what[0]) {
            case "capacity" -> what.length == 2 && what[1].equals(String.valueOf(centre.capacity()));
            case "type" -> what.length == 2 && what[1].equals(centre.type().name());
            case "status" -> what.length == 2 && what[1].equals(centre.status().name());
            default -> true;
        };
    }

    /** The centre as the list shows it (names, operator, dates): found among the centres of its region and type. */
    private CentreSummary summary(CentreOccupancy occupancy) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("region", occupancy.region());
        query.put("type", occupancy.type());
        for (int page = 0; page < 40; page++) {
            query.put("page", page);
            query.put("size", 500);
            ApiAnswer answer = api.get("/api/centres", query);
            if (!answer.ok()) {
                return null;
            }
            CentrePage found = api.convert(answer.body(), CentrePage.class);
            for (CentreSummary centre : found.items()) {
                if (centre.centreId().equals(occupancy.centreId())) {
                    return centre;
                }
            }
            if (found.items().size() < 500) {
                return null;
            }
        }
        return null;
    }

    // ---- partnership agreements

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
        return "admin/partnerships";
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
        Action what = PARTNERSHIP_ACTIONS.get(action);
        if (what == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
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
        for (String name : PARTNERSHIP_ACTIONS.keySet()) {
            model.addAttribute(name + "Form", name.equals(action) ? refused : FormState.empty());
        }
        return "admin/partnership";
    }

    // ---- operations

    /** A dead letter as the API lists it. */
    record Letter(String group, String sequenceId, String eventType, String causeType, String causeMessage,
                  String attempts, String enqueuedAt) {
    }

    /** An account or address with failed logins; {@code paused} while its pause runs. */
    record Failures(String kind, String key, int failures, String lastFailure, String pausedUntil, boolean paused) {
    }

    @GetMapping("/operations")
    String operations(Model model) {
        ApiAnswer letters = api.get("/api/audit/dead-letters");
        List<Letter> list = new ArrayList<>();
        if (letters.ok()) {
            for (JsonNode l : letters.body()) {
                list.add(new Letter(text(l, "group"), text(l, "sequenceId"), text(l, "eventType"), text(l, "causeType"),
                        text(l, "causeMessage"), text(l, "attempts"), text(l, "enqueuedAt")));
            }
        }
        ApiAnswer logins = api.get("/api/security/login-throttle");
        List<Failures> failures = new ArrayList<>();
        if (logins.ok()) {
            Instant now = Instant.now();
            for (JsonNode f : logins.body()) {
                failures.add(new Failures(text(f, "kind"), text(f, "key"), f.path("failures").asInt(),
                        text(f, "lastFailure"), text(f, "pausedUntil"), pausedAfter(f, now)));
            }
        }
        model.addAttribute("letters", list);
        model.addAttribute("lettersProblem", letters.problem());
        model.addAttribute("failures", failures);
        model.addAttribute("loginsProblem", logins.problem());
        return "admin/operations";
    }

    @PostMapping("/operations/dead-letters/{group}/{sequenceId}/{action}")
    String deadLetter(@PathVariable String group, @PathVariable String sequenceId, @PathVariable String action,
                      RedirectAttributes redirect) {
        if (!LETTER_ID.matcher(group).matches() || !LETTER_ID.matcher(sequenceId).matches()
                || !List.of("retry", "evict").contains(action)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ApiAnswer answer = api.post("/api/audit/dead-letters/" + group + "/" + sequenceId + "/" + action, null, null);
        return afterOperation(answer, "letter." + action, redirect);
    }

    @PostMapping("/operations/logins/release")
    String releaseLogin(@RequestParam String kind, @RequestParam String key, RedirectAttributes redirect) {
        if (!List.of("ACCOUNT", "ADDRESS").contains(kind) || key.isBlank() || key.length() > 200) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // an account is what someone typed at the login form: any character, so encoded as a path segment
        ApiAnswer answer = api.post("/api/security/login-throttle/" + kind + "/"
                + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8) + "/release", null, null);
        return afterOperation(answer, "released", redirect);
    }

    /** An online copy of the embedded event store, where the operator exposed the endpoint (docs/OPERATIONS.md). */
    @PostMapping("/operations/backup")
    String backup(RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/actuator/eventstorebackup", null, null);
        if (answer.ok()) {
            redirect.addFlashAttribute("backupFile", text(answer.body(), "file"));
            redirect.addFlashAttribute("backupBytes", answer.body().path("bytes").asLong());
        } else if (answer.problem().routeMissing()) {
            redirect.addFlashAttribute("backupNotExposed", true);
        }
        return afterOperation(answer, "backup", redirect);
    }

    private static String afterOperation(ApiAnswer answer, String done, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("done", done);
        } else if (!answer.problem().routeMissing()) {
            redirect.addFlashAttribute("problem", answer.problem());
        }
        return "redirect:/admin/operations";
    }

    // ----

    private static boolean pausedAfter(JsonNode failure, Instant now) {
        String until = text(failure, "pausedUntil");
        try {
            return until != null && Instant.parse(until).isAfter(now);
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    /** Fields the API takes as JSON numbers (it does not read a number from a string). */
    private static final List<String> NUMBERS = List.of("capacity", "amountMad");

    /**
     * The form's fields the API takes, blank ones left out (the API then names what is missing); a number as a JSON
     * number, or as typed when it is none, so that the API's own words say what is wrong with it.
     */
    private static Map<String, Object> body(Map<String, String> form, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : fields) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                body.put(field, NUMBERS.contains(field) ? number(value.strip()) : value.strip());
            }
        }
        return body;
    }

    private static Object number(String value) {
        try {
            return new java.math.BigDecimal(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    /** Centres of an agreement are typed as ids separated by commas or spaces; the API takes a list. */
    private static Map<String, Object> partnershipBody(Map<String, String> form, List<String> fields) {
        Map<String, Object> body = body(form, fields);
        if (body.get("centreIds") instanceof String ids) {
            body.put("centreIds", Arrays.stream(ids.split("[,\\s،]+")).filter(id -> !id.isBlank()).toList());
        }
        return body;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
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
