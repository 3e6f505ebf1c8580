package ma.masar.embedded.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ma.masar.api.common.Region;
import ma.masar.api.query.CentreSummary;
import ma.masar.api.query.PartnershipCounts;
import ma.masar.api.query.ProgrammeCounts;
import ma.masar.api.query.ProgrammeTally;
import ma.masar.api.query.RegionTally;
import ma.masar.api.query.Tally;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The manager's dashboard: programme counts by region, province, centre and year, charts, and centre occupancy
 * against capacity; live, through the counts' Server-Sent Events. Counts and centres only: no personal data is asked
 * for, so none can show.
 */
@Controller
@RequestMapping("/manager")
class ManagerPages {

    /** Centres listed one by one when a region is chosen; without a region the table sums them per region. */
    private static final int CENTRE_ROWS = 25;
    private static final int MAX_CENTRES = 5000;

    private final MasarApi api;
    private final CentreDirectory centres;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final LocalFormats formats;

    ManagerPages(MasarApi api, CentreDirectory centres, MessageSource messages, ObjectMapper json, LocalFormats formats) {
        this.api = api;
        this.centres = centres;
        this.messages = messages;
        this.json = json;
        this.formats = formats;
    }

    /** The dashboard's filters; blank means all. */
    public record Filters(Integer year, Region region, String province, String centre) {

        static Filters of(Integer year, String region, String province, String centre) {
            Region r = null;
            if (region != null && !region.isBlank()) {
                try {
                    r = Region.valueOf(region);
                } catch (IllegalArgumentException e) {
                    r = null;
                }
            }
            return new Filters(year, r, blankToNull(province), blankToNull(centre));
        }

        public String query() {
            UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
            if (year != null) {
                uri.queryParam("year", year);
            }
            if (region != null) {
                uri.queryParam("region", region);
            }
            if (province != null) {
                uri.queryParam("province", province);
            }
            if (centre != null) {
                uri.queryParam("centre", centre);
            }
            String query = uri.encode().build().toUriString();
            return query.isEmpty() ? "" : query.substring(1);
        }

        Map<String, Object> asParameters() {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("year", year);
            parameters.put("region", region);
            parameters.put("province", province);
            parameters.put("centre", centre);
            return parameters;
        }
    }

    @GetMapping
    String dashboard(@RequestParam(required = false) Integer year, @RequestParam(required = false) String region,
                     @RequestParam(required = false) String province, @RequestParam(required = false) String centre,
                     Model model) {
        Filters filters = Filters.of(year, region, province, centre);
        model.addAttribute("role", "manager");
        model.addAttribute("filters", filters);
        model.addAttribute("regions", Region.values());
        int thisYear = LocalDate.now().getYear();
        model.addAttribute("years", IntStream.rangeClosed(2000, thisYear).boxed()
                .sorted(Comparator.reverseOrder()).toList());
        List<CentreSummary> regionCentres = filters.region() == null ? List.of() : centres.all(filters.region(), 500);
        model.addAttribute("provinces", new TreeSet<>(regionCentres.stream().map(CentreSummary::province).toList()));
        model.addAttribute("centreChoices", regionCentres.stream()
                .filter(c -> filters.province() == null || filters.province().equals(c.province()))
                .map(c -> new Choice(c.centreId(), CentreDirectory.nameIn(c)))
                .sorted(Comparator.comparing(Choice::label)).toList());
        panel(filters, model);
        return "manager/dashboard";
    }

    @GetMapping("/panel")
    String panel(@RequestParam(required = false) Integer year, @RequestParam(required = false) String region,
                 @RequestParam(required = false) String province, @RequestParam(required = false) String centre,
                 Model model) {
        panel(Filters.of(year, region, province, centre), model);
        return "manager/dashboard :: panel";
    }

    private void panel(Filters filters, Model model) {
        ApiAnswer answer = api.get("/api/stats/programmes", filters.asParameters());
        model.addAttribute("problem", answer.problem());
        ProgrammeCounts counts = answer.ok() ? api.convert(answer.body(), ProgrammeCounts.class) : null;
        model.addAttribute("counts", counts);
        model.addAttribute("total", counts == null || counts.total() == null ? Tally.ZERO : counts.total());
        List<ProgrammeTally> programmes = counts == null || counts.programmes() == null ? List.of() : counts.programmes();
        model.addAttribute("programmeRows", programmes);
        Map<Region, Tally> byRegion = new EnumMap<>(Region.class);
        for (ProgrammeTally programme : programmes) {
            for (RegionTally region : programme.byRegion() == null ? List.<RegionTally>of() : programme.byRegion()) {
                byRegion.merge(region.region(), region.tally(), Tally::plus);
            }
        }
        model.addAttribute("regionRows", byRegion);
        ApiAnswer partnerships = api.get("/api/stats/partnerships", Map.of("year", filters.year() == null ? "" : filters.year()));
        model.addAttribute("partnerships", partnerships.ok()
                ? api.convert(partnerships.body(), PartnershipCounts.class) : null);
        occupancy(filters, model);
        model.addAttribute("chartData", chartData(programmes, byRegion));
        model.addAttribute("updatedAt", formats.now());
    }

    /** An option of a filter: the value sent, the words shown. */
    public record Choice(String value, String label) {
    }

    /** One row of the occupancy table: a centre, or all centres of a region. */
    public record Occupancy(String name, String province, long centres, long capacity, long occupied) {
        public double rate() {
            return capacity == 0 ? 0 : (double) occupied / capacity;
        }

        public int percent() {
            return (int) Math.min(100, Math.round(rate() * 100));
        }
    }

    private void occupancy(Filters filters, Model model) {
        List<CentreSummary> listed = centres.all(filters.region(), filters.region() == null ? MAX_CENTRES : 500).stream()
                .filter(c -> "OPEN".equals(c.status().name()))
                .filter(c -> filters.province() == null || filters.province().equals(c.province()))
                .filter(c -> filters.centre() == null || filters.centre().equals(c.centreId()))
                .toList();
        List<Occupancy> rows = new ArrayList<>();
        if (filters.region() == null && filters.province() == null && filters.centre() == null) {
            Map<Region, long[]> sums = new EnumMap<>(Region.class);
            for (CentreSummary c : listed) {
                long[] sum = sums.computeIfAbsent(c.region(), r -> new long[3]);
                sum[0]++;
                sum[1] += c.capacity();
                sum[2] += c.occupied();
            }
            sums.forEach((region, sum) -> rows.add(new Occupancy(label("ui.region." + region), null, sum[0], sum[1], sum[2])));
            model.addAttribute("occupancyByRegion", true);
        } else {
            listed.forEach(c -> rows.add(new Occupancy(CentreDirectory.nameIn(c), c.province(), 1, c.capacity(), c.occupied())));
            model.addAttribute("occupancyByRegion", false);
        }
        rows.sort(Comparator.comparingDouble(Occupancy::rate).reversed());
        model.addAttribute("occupancyRows", rows.size() > CENTRE_ROWS ? rows.subList(0, CENTRE_ROWS) : rows);
        model.addAttribute("occupancyMore", Math.max(0, rows.size() - CENTRE_ROWS));
        model.addAttribute("occupancyTotal", new Occupancy(null, null, listed.size(),
                listed.stream().mapToLong(CentreSummary::capacity).sum(),
                listed.stream().mapToLong(CentreSummary::occupied).sum()));
    }

    /** What the charts draw, labels in the page's language; read by dashboard.js from a data attribute. */
    private String chartData(List<ProgrammeTally> programmes, Map<Region, Tally> byRegion) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("locale", formats.numberLocaleTag());
        data.put("rtl", formats.rtl());
        data.put("series", Map.of("enrolled", label("ui.count.enrolled"), "active", label("ui.count.active"),
                "completed", label("ui.count.completed")));
        data.put("programmes", Map.of(
                "labels", programmes.stream().map(p -> label("ui.programme." + p.programme())).toList(),
                "enrolled", programmes.stream().map(p -> p.tally().enrolled()).toList(),
                "active", programmes.stream().map(p -> p.tally().active()).toList(),
                "completed", programmes.stream().map(p -> p.tally().completed()).toList()));
        List<Region> regions = List.copyOf(byRegion.keySet());
        data.put("regions", Map.of(
                "labels", regions.stream().map(r -> label("ui.region." + r)).toList(),
                "enrolled", regions.stream().map(r -> byRegion.get(r).enrolled()).toList(),
                "active", regions.stream().map(r -> byRegion.get(r).active()).toList()));
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String label(String code) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(code, null, code, locale);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
