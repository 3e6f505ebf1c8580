package ma.masar.embedded.ui;

import ma.masar.api.query.CentreStatus;
import ma.masar.api.query.CentreSummary;
import ma.masar.api.staff.StaffView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The administrator's staff page: who works in which centre today, a form to assign a person to a centre from a
 * date, and a button to end an assignment. A client of the staff API like any other: the API's rules and their
 * words (ar, fr) are what the page shows when it refuses. The assignment counts at once on both sides.
 */
@Controller
@RequestMapping("/admin/staff")
class StaffPages {

    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");

    private final MasarApi api;
    private final CentreDirectory centres;
    private final Clock clock;

    StaffPages(MasarApi api, CentreDirectory centres, Clock clock) {
        this.api = api;
        this.centres = centres;
        this.clock = clock;
    }

    /** One assignment as the page shows it: the centre's name in the page's language; the end form's own key. */
    public record Row(String centreId, String centreName, LocalDate from, LocalDate endsOn, String assignedBy,
                      boolean open, String endKey) {
    }

    /** A person: her centres today and her assignments, the open ones first. */
    public record Person(String staffId, List<String> centresToday, List<Row> assignments) {
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("today", LocalDate.now(clock).toString());
    }

    @GetMapping
    String staff(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", FormState.empty());
        }
        ApiAnswer answer = api.get("/api/staff");
        model.addAttribute("listProblem", answer.problem());
        List<Person> people = answer.ok()
                ? Arrays.stream(api.convert(answer.body(), StaffView[].class)).map(this::person).toList()
                : List.of();
        model.addAttribute("people", people);
        model.addAttribute("openCentres", centres.all(null, 20_000).stream()
                .filter(c -> c.status() == CentreStatus.OPEN)
                .sorted(Comparator.comparing(CentreSummary::centreId))
                .map(c -> Map.entry(c.centreId(), CentreDirectory.nameIn(c)))
                .toList());
        return "admin/staff";
    }

    @PostMapping("/assignments")
    String assign(@RequestParam Map<String, String> form, Model model) {
        String staffId = form.getOrDefault("staffId", "").strip();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("staffId", staffId);
        values.put("centreId", form.getOrDefault("centreId", "").strip());
        values.put("from", form.getOrDefault("from", "").strip());
        values.put("idempotencyKey", form.getOrDefault("idempotencyKey", ""));
        if (!SAFE_ID.matcher(staffId).matches()) {
            // a login name goes into the API's path: checked here, and said in the page's words (the template)
            model.addAttribute("form", FormState.refused(values,
                    new ApiProblem(400, null, null, null, Map.of("staffId", ""), null, false), Map.of()));
            return staff(model);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("centreId", values.get("centreId"));
        body.put("from", values.get("from").isEmpty() ? null : values.get("from"));
        ApiAnswer answer = api.post("/api/staff/" + staffId + "/assignments", body, form.get("idempotencyKey"));
        if (!answer.ok()) {
            model.addAttribute("form", FormState.refused(values, answer.problem(),
                    Map.of("CentreNotFound", "centreId", "CentreIsClosed", "centreId",
                            "StaffAssignmentOverlaps", "centreId", "DateOutOfRange", "from")));
            return staff(model);
        }
        return "redirect:/admin/staff?assigned";
    }

    @PostMapping("/{staffId}/assignments/{centreId}/end")
    String end(@PathVariable String staffId, @PathVariable String centreId, @RequestParam Map<String, String> form,
               Model model) {
        if (!SAFE_ID.matcher(staffId).matches() || !SAFE_ID.matcher(centreId).matches()) {
            return "redirect:/admin/staff";
        }
        String on = form.getOrDefault("on", "").strip();
        ApiAnswer answer = api.post("/api/staff/" + staffId + "/assignments/" + centreId + "/end",
                Map.of("on", on.isEmpty() ? LocalDate.now(clock).toString() : on),
                form.get("idempotencyKey"));
        if (!answer.ok()) {
            model.addAttribute("endProblem", answer.problem());
            return staff(model);
        }
        return "redirect:/admin/staff?ended";
    }

    private Person person(StaffView view) {
        List<Row> rows = view.assignments().stream()
                .map(a -> new Row(a.centreId(), centres.name(a.centreId()), a.from(), a.endsOn(), a.assignedBy(),
                        a.endsOn() == null, UUID.randomUUID().toString()))
                .sorted(Comparator.comparing((Row r) -> !r.open()).thenComparing(Row::from, Comparator.reverseOrder()))
                .toList();
        return new Person(view.staffId(), view.centresToday().stream().map(centres::name).toList(), rows);
    }
}
