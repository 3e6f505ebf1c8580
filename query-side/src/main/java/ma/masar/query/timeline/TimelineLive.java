package ma.masar.query.timeline;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import ma.masar.api.query.CaseTimeline;
import ma.masar.api.query.FindCaseTimeline;
import ma.masar.query.infra.LiveUpdateTimer;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Pushes a timeline to its subscribers (subscription queries on {@link FindCaseTimeline}) after new entries for the
 * person are written, at most once per live-update period: the whole timeline in the subscriber's language, so a reader simply
 * replaces what it shows.
 */
@Component
public class TimelineLive {

    private final QueryUpdateEmitter emitter;
    private final TimelineQueries queries;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();

    public TimelineLive(QueryUpdateEmitter emitter, @Lazy TimelineQueries queries, LiveUpdateTimer timer) {
        this.emitter = emitter;
        this.queries = queries;
        timer.every("timeline", this::emitChanged);
    }

    /** Called after a batch is written; remembers only the people someone is watching. */
    void changed(Collection<String> beneficiaryIds) {
        Set<String> watched = watched().stream().map(FindCaseTimeline::beneficiaryId).collect(Collectors.toSet());
        if (watched.isEmpty()) {
            return;
        }
        for (String beneficiaryId : beneficiaryIds) {
            if (watched.contains(beneficiaryId)) {
                changed.add(beneficiaryId);
            }
        }
    }

    private void emitChanged() {
        if (changed.isEmpty()) {
            return;
        }
        Set<String> toSend = Set.copyOf(changed);
        changed.removeAll(toSend);
        for (FindCaseTimeline query : watched()) {
            if (toSend.contains(query.beneficiaryId())) {
                CaseTimeline timeline = queries.handle(query);
                emitter.emit(FindCaseTimeline.class, query::equals, timeline);
            }
        }
    }

    private Set<FindCaseTimeline> watched() {
        return emitter.activeSubscriptions().stream()
                      .map(SubscriptionQueryMessage::getPayload)
                      .filter(FindCaseTimeline.class::isInstance)
                      .map(FindCaseTimeline.class::cast)
                      .collect(Collectors.toSet());
    }
}
