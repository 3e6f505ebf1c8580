package ma.masar.embedded.ui;

import ma.masar.api.partnership.PartnerType;
import ma.masar.api.query.FollowUpCounts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The managers' follow-up page: per centre, follow-ups open and overdue today, and the year's referrals by partner
 * kind with the partners' answers. Counts only, from {@code GET /api/stats/follow-ups}: no name, no case.
 */
@Controller
class FollowUpStatsPages {

    private final MasarApi api;
    private final Clock clock;

    FollowUpStatsPages(MasarApi api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    @GetMapping("/manager/follow-ups")
    String followUps(@RequestParam(required = false) Integer year, Model model) {
        int thisYear = LocalDate.now(clock).getYear();
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("year", year);
        ApiAnswer answer = api.get("/api/stats/follow-ups", query);
        model.addAttribute("role", "manager");
        model.addAttribute("year", year);
        model.addAttribute("years", IntStream.rangeClosed(2009, thisYear).boxed().sorted((a, b) -> b - a).toList());
        model.addAttribute("partnerKinds", List.of(PartnerType.values()));
        model.addAttribute("problem", answer.problem());
        model.addAttribute("counts", answer.ok() ? api.convert(answer.body(), FollowUpCounts.class) : null);
        return "manager/follow-ups";
    }
}
