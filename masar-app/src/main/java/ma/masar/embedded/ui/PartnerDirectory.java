package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.access.Actor;
import ma.masar.api.query.PartnershipSummary;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agency's partnership agreements as the case page needs them (from the partnerships API): the partners a social
 * worker may refer a person to, and the partner's name behind the agreement id of a referral. A partner's name does
 * not change with an amendment, so the names are kept; an unknown id reloads the list, at most twice a minute.
 */
@Component
public class PartnerDirectory {

    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(30);

    private final MasarApi api;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private volatile long loadedAt = System.nanoTime() - RELOAD_AT_MOST_EVERY.toNanos() - 1;

    PartnerDirectory(MasarApi api) {
        this.api = api;
    }

    /**
     * The agreements in force {@code on} that day for the centres the worker works in (those naming one of them, or
     * no centre: all the agency's); every one in force for a worker held to no centre. Null when the API did not
     * answer: the form says so rather than offering no partner.
     */
    List<PartnershipSummary> choices(Actor actor, LocalDate on) {
        // the centres as a repeated parameter; ids are checked (PageForms.ID) and a date is digits: nothing to encode
        StringBuilder path = new StringBuilder("/api/partnerships?inForceOn=").append(on);
        if (actor.limitedToCentres()) {
            if (actor.centres().isEmpty()) {
                return List.of();
            }
            actor.centres().stream().filter(c -> PageForms.ID.matcher(c).matches()).sorted()
                    .forEach(c -> path.append("&centre=").append(c));
        }
        ApiAnswer answer = api.get(path.toString(), Map.of());
        return answer.ok() ? agreements(answer) : null;
    }

    /** The agreements of a successful answer of {@code GET /api/partnerships}, their partners' names remembered. */
    List<PartnershipSummary> agreements(ApiAnswer answer) {
        List<PartnershipSummary> found = new ArrayList<>();
        for (JsonNode agreement : answer.body()) {
            PartnershipSummary summary = api.convert(agreement, PartnershipSummary.class);
            found.add(summary);
            remember(summary);
        }
        return found;
    }

    /** The partner of an agreement, or the agreement's id when it cannot be found. */
    public String name(String partnershipId) {
        if (partnershipId == null) {
            return "";
        }
        String name = names.get(partnershipId);
        if (name == null && System.nanoTime() - loadedAt > RELOAD_AT_MOST_EVERY.toNanos()) {
            loadedAt = System.nanoTime();
            ApiAnswer answer = api.get("/api/partnerships");
            if (answer.ok()) {
                agreements(answer);
            }
            name = names.get(partnershipId);
        }
        return name == null ? partnershipId : name;
    }

    private void remember(PartnershipSummary agreement) {
        if (agreement.partnerName() != null && !agreement.partnerName().isBlank()) {
            names.put(agreement.partnershipId(), agreement.partnerName());
        }
    }
}
