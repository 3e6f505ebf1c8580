package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * "Catching up: N%" on every page while the read models' figures are partial, as the API tells it
 * ({@code /api/stats/catching-up}): while they rebuild after a start, and while they are behind the events recorded
 * since (a bulk import outruns the search's projection). The answer is the same for everyone: "caught up" is kept for
 * a second, however many pages are rendered meanwhile; "catching up" is asked again by every page, so that the page
 * that follows the last one behind shows no banner.
 */
@Component
class CatchingUpBanner {

    private static final long ASK_EVERY_NANOS = 1_000_000_000L;

    private final MasarApi api;
    private volatile CaughtUp lastCaughtUp;

    private record CaughtUp(long askedAt) {
    }

    CatchingUpBanner(MasarApi api) {
        this.api = api;
    }

    /** The percent caught up, or null when there is nothing to show (caught up, or the API did not say). */
    Integer percent() {
        CaughtUp caughtUp = lastCaughtUp;
        long now = System.nanoTime();
        if (caughtUp != null && now - caughtUp.askedAt() < ASK_EVERY_NANOS) {
            return null;
        }
        Integer percent = ask();
        lastCaughtUp = percent == null ? new CaughtUp(now) : null;
        return percent;
    }

    private Integer ask() {
        ApiAnswer answer = api.get("/api/stats/catching-up");
        if (!answer.ok()) {
            return null;
        }
        JsonNode body = answer.body();
        if (body.path("ready").asBoolean(false) && !body.path("behind").asBoolean(false)) {
            return null;
        }
        return body.path("percent").asInt(0);
    }
}
