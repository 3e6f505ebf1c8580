package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * "Catching up: N%" on every page while the read models rebuild after a start (their figures are partial until then),
 * asked of the API ({@code /api/stats/catching-up}). Once the API has said ready, it stays ready: no page asks again.
 */
@Component
class CatchingUpBanner {

    private final MasarApi api;
    private volatile boolean readySeen;

    CatchingUpBanner(MasarApi api) {
        this.api = api;
    }

    /** The percent caught up, or null when there is nothing to show (ready, or the API did not say). */
    Integer percent() {
        if (readySeen) {
            return null;
        }
        ApiAnswer answer = api.get("/api/stats/catching-up");
        if (!answer.ok()) {
            return null;
        }
        JsonNode body = answer.body();
        if (body.path("ready").asBoolean(false)) {
            readySeen = true;
            return null;
        }
        return body.path("percent").asInt(0);
    }
}
