package ma.masar.embedded.ui;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
import ma.masar.api.query.CentreOccupancy;
import ma.masar.api.query.CentrePage;
import ma.masar.api.query.CentreSummary;
import ma.masar.embedded.ui.PageForms.Action;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static ma.masar.embedded.ui.PageForms.body;
import static ma.masar.embedded.ui.PageForms.checkId;
import static ma.masar.embedded.ui.PageForms.enumOrNull;

/**
 * The administrator's centres: the list, opening one, and changing one (capacity, conversion to apprenticeship,
 * closure). Every change goes through the command API, so a refusal is the API's problem JSON in the page's
 * language, shown next to the field the rule is about; nothing is decided here.
 */
@Controller
@RequestMapping("/admin")
class CentreAdminPages {

    private static final int PAGE_SIZE = 25;

    private static final List<String> OPEN_FIELDS = List.of("type", "nameAr", "nameFr", "region", "province",
            "capacity", "operatorKind", "partnerName", "authorisationReference", "openedOn");
    private static final Map<String, String> OPEN_RULES = Map.of(
            "AuthorisationRequiredForSocialCare", "authorisationReference",
            "DateInFuture", "openedOn", "DateOutOfRange", "openedOn");

    private static final Map<String, Action> CENTRE_ACTIONS = Map.of(
            "capacity", new Action("capacity", List.of("capacity", "effectiveOn"),
                    Map.of("CapacityBelowOccupancy", "capacity", "CentreIsClosed", "capacity",
                            "DateInFuture", "effectiveOn", "DateOutOfRange", "effectiveOn")),
            "conversion", new Action("conversion", List.of("convertedOn"),
                    Map.of("DateInFuture", "convertedOn", "DateOutOfRange", "convertedOn")),
            "closure", new Action("closure", List.of("closedOn", "reason"),
                    Map.of("DateInFuture", "closedOn", "DateOutOfRange", "closedOn")));

    private final MasarApi api;
    private final CentreDirectory centres;

    CentreAdminPages(MasarApi api, CentreDirectory centres) {
        this.api = api;
        this.centres = centres;
    }

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
        Action what = PageForms.action(CENTRE_ACTIONS, action);
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
        PageForms.actionForms(model, CENTRE_ACTIONS, action, refused);
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
}
