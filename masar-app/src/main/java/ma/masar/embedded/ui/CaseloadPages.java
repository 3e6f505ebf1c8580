package ma.masar.embedded.ui;

import ma.masar.access.Actor;
import ma.masar.access.CurrentActor;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.query.Caseload;
import ma.masar.api.query.EnrolmentStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The social worker's caseload, the first thing {@code /worker} shows (loaded into the page as it opens, and again as
 * she filters or sorts): the cases of her centres, counts per centre, and what needs her: overdue follow-ups and
 * referral answers, quiet cases, changes since her previous visit. A worker of every centre picks one first.
 */
@Controller
class CaseloadPages {

    static final List<String> SORTS = List.of("attention", "name", "lastFact", "due", "enrolledOn");
    /** The page lists this many cases, in the order chosen (overdue, changed and quiet first by default). */
    static final int LISTED = 200;

    private final MasarApi api;

    CaseloadPages(MasarApi api) {
        this.api = api;
    }

    @GetMapping("/worker/caseload")
    String caseload(@RequestParam(required = false) String centre, @RequestParam(required = false) String programme,
                    @RequestParam(required = false) String status, @RequestParam(required = false) String sort,
                    @RequestParam(required = false) Integer quietWeeks, Model model) {
        Actor actor = CurrentActor.get().orElseThrow();
        boolean everyCentre = actor.centres().contains(Actor.ALL_CENTRES);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("centre", blankToNull(centre));
        filters.put("programme", blankToNull(programme));
        filters.put("status", blankToNull(status));
        filters.put("sort", blankToNull(sort));
        filters.put("quietWeeks", quietWeeks);
        model.addAttribute("filters", filters);
        model.addAttribute("programmes", ProgrammeType.values());
        model.addAttribute("statuses", EnrolmentStatus.values());
        model.addAttribute("sorts", SORTS);
        model.addAttribute("everyCentre", everyCentre);
        if (everyCentre && filters.get("centre") == null) {
            model.addAttribute("caseload", null);
            return "worker/caseload :: caseload";
        }
        Map<String, Object> query = new LinkedHashMap<>(filters);
        query.put("limit", LISTED);
        ApiAnswer answer = api.get("/api/beneficiaries/caseload", query);
        model.addAttribute("problem", answer.problem());
        model.addAttribute("caseload", answer.ok() ? api.convert(answer.body(), Caseload.class) : null);
        return "worker/caseload :: caseload";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
