package ma.masar.embedded.ui;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.Region;
import ma.masar.api.query.CentrePage;
import ma.masar.api.query.CentreSummary;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Centres as the pages need them: the choices of an enrolment form (by region and type, from the centres API), the
 * manager's occupancy table, and the names behind the centre ids of a timeline. The names are kept: a case page would
 * otherwise ask for its centres at every live update; an unknown id reloads the list, at most twice a minute.
 */
@Component
public class CentreDirectory {

    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(30);
    private static final int PAGE = 500;
    private static final int MAX_CENTRES = 20_000;

    private final MasarApi api;
    private final Map<String, CentreSummary> known = new ConcurrentHashMap<>();
    private volatile long loadedAt = System.nanoTime() - RELOAD_AT_MOST_EVERY.toNanos() - 1;

    CentreDirectory(MasarApi api) {
        this.api = api;
    }

    /** The centres of a region and type, open ones first, by province and name. */
    List<CentreSummary> list(Region region, CentreType type) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("region", region);
        query.put("type", type);
        query.put("size", PAGE);
        ApiAnswer answer = api.get("/api/centres", query);
        if (!answer.ok()) {
            return List.of();
        }
        List<CentreSummary> centres = api.convert(answer.body(), CentrePage.class).items();
        centres.forEach(c -> known.put(c.centreId(), c));
        return centres.stream()
                .sorted(Comparator.comparing((CentreSummary c) -> c.status().name())
                        .thenComparing(c -> c.province() == null ? "" : c.province())
                        .thenComparing(c -> c.nameFr() == null ? "" : c.nameFr()))
                .toList();
    }

    /** The centres of a region (or all), up to {@code max}, page by page. */
    List<CentreSummary> all(Region region, int max) {
        List<CentreSummary> all = new ArrayList<>();
        for (int page = 0; all.size() < max; page++) {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("region", region);
            query.put("page", page);
            query.put("size", PAGE);
            ApiAnswer answer = api.get("/api/centres", query);
            if (!answer.ok()) {
                break;
            }
            CentrePage found = api.convert(answer.body(), CentrePage.class);
            all.addAll(found.items());
            if (found.items().size() < PAGE || all.size() >= found.total()) {
                break;
            }
        }
        all.forEach(c -> known.put(c.centreId(), c));
        return all;
    }

    /** The centre's name in the page's language, or its id when it cannot be found. */
    public String name(String centreId) {
        if (centreId == null) {
            return "";
        }
        CentreSummary centre = known.get(centreId);
        if (centre == null && System.nanoTime() - loadedAt > RELOAD_AT_MOST_EVERY.toNanos()) {
            loadedAt = System.nanoTime();
            all(null, MAX_CENTRES);
            centre = known.get(centreId);
        }
        return centre == null ? centreId : nameIn(centre);
    }

    static String nameIn(CentreSummary centre) {
        String name = "ar".equals(LocaleContextHolder.getLocale().getLanguage()) ? centre.nameAr() : centre.nameFr();
        return name == null || name.isBlank() ? centre.centreId() : name;
    }
}
