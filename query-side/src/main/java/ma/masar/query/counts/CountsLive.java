package ma.masar.query.counts;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import ma.masar.api.query.FindPartnershipCounts;
import ma.masar.api.query.FindProgrammeCounts;
import ma.masar.query.infra.LiveUpdateTimer;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryMessage;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Pushes fresh counts to the subscribers of {@link FindProgrammeCounts} and {@link FindPartnershipCounts} after the
 * counters change, at most once per live-update period however fast batches are written, and only when the answer
 * differs from the last one sent.
 */
@Component
public class CountsLive {

    private final QueryUpdateEmitter emitter;
    private final CountsQueries queries;
    private final AtomicBoolean changed = new AtomicBoolean();
    private final Map<Object, Object> lastSent = new ConcurrentHashMap<>();

    public CountsLive(QueryUpdateEmitter emitter, @Lazy CountsQueries queries, LiveUpdateTimer timer) {
        this.emitter = emitter;
        this.queries = queries;
        timer.every("counts", this::emitChanged);
    }

    /** Called after a batch of counts is written. */
    void changed() {
        changed.set(true);
    }

    private void emitChanged() {
        if (!changed.getAndSet(false)) {
            return;
        }
        Set<Object> watched = emitter.activeSubscriptions().stream()
                                     .map(SubscriptionQueryMessage::getPayload)
                                     .filter(query -> query instanceof FindProgrammeCounts
                                             || query instanceof FindPartnershipCounts)
                                     .collect(Collectors.toSet());
        lastSent.keySet().retainAll(watched);
        for (Object query : watched) {
            Object answer = query instanceof FindProgrammeCounts programmes
                    ? queries.handle(programmes) : queries.handle((FindPartnershipCounts) query);
            if (!Objects.equals(lastSent.put(query, answer), answer)) {
                emit(query, answer);
            }
        }
    }

    private void emit(Object query, Object answer) {
        if (query instanceof FindProgrammeCounts) {
            emitter.emit(FindProgrammeCounts.class, query::equals, answer);
        } else {
            emitter.emit(FindPartnershipCounts.class, query::equals, answer);
        }
    }
}
