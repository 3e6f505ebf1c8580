package ma.masar.query.access;

import ma.masar.access.Actor;
import ma.masar.access.CurrentActor;
import ma.masar.api.audit.CaseOpened;
import ma.masar.query.infra.BadQueryParameter;
import ma.masar.query.search.BeneficiaryDocuments;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The door to a case's content. Before a person sees a timeline or an as-of view, it checks that a social worker's
 * centres follow the case, or that the worker states why they need it ("breaking the glass"), and records the
 * opening as a {@link CaseOpened} event in the event store before anything is shown. Auditors list these.
 * <p>
 * An opening lasts a short while ({@code masar.access.opening}, 10 minutes): the same person refreshing the same
 * view of the same case meanwhile (the case page's live updates) is the same opening, recorded once; a worker who
 * broke the glass is not asked for the reason again meanwhile. Openings are remembered per process only: after a
 * restart the next read is recorded again and the reason asked again.
 * <p>
 * Which centres follow a case comes from the search read model (enrolments now and before, and who registered a
 * person no centre holds yet): a case enrolled a moment ago may still look outside until it is projected.
 */
@Component
public class CaseAccess {

    static final int MAX_REASON = 500;
    private static final int PRUNE_ABOVE = 10_000;

    private final BeneficiaryDocuments people;
    private final EventGateway events;
    private final Duration opening;
    private final Clock clock = Clock.systemUTC();
    /** person|case|view → until when that opening stands. */
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();
    /** person|case → until when their broken glass stands. */
    private final Map<String, Instant> glass = new ConcurrentHashMap<>();

    CaseAccess(BeneficiaryDocuments people, EventGateway events,
               @Value("${masar.access.opening:PT10M}") Duration opening) {
        this.people = people;
        this.events = events;
        this.opening = opening;
    }

    /**
     * Lets the current person open a case, or refuses with {@link OutsideCentres}; records the opening.
     *
     * @param reason why a social worker opens a case outside their centres; ignored when not needed
     */
    public void open(String beneficiaryId, CaseOpened.View view, String reason) {
        Actor actor = CurrentActor.get().orElseThrow(() -> new IllegalStateException("no person behind the request"));
        Instant now = clock.instant();
        String stated = reason == null || reason.isBlank() ? null : reason.strip();
        if (stated != null && stated.length() > MAX_REASON) {
            throw new BadQueryParameter("reason", "reason must be at most " + MAX_REASON + " characters");
        }
        boolean outside = actor.limitedToCentres()
                && !people.followedBy(beneficiaryId, actor.centres(), actor.userId());
        String personCase = actor.userId() + "|" + beneficiaryId;
        boolean glassStands = outside && standing(glass, personCase, now);
        if (outside && stated == null && !glassStands) {
            throw new OutsideCentres(beneficiaryId);
        }
        boolean breaking = outside && stated != null;
        if (!breaking && standing(recorded, personCase + "|" + view, now)) {
            return;
        }
        CaseOpened opened = new CaseOpened(beneficiaryId, actor.userId(), view, outside, breaking ? stated : null, now);
        events.publish(GenericEventMessage.asEventMessage(opened).andMetaData(MetaData.with("userId", actor.userId())));
        prune(now);
        recorded.put(personCase + "|" + view, now.plus(opening));
        if (breaking) {
            glass.put(personCase, now.plus(opening));
        }
    }

    private static boolean standing(Map<String, Instant> openings, String key, Instant now) {
        Instant until = openings.get(key);
        return until != null && until.isAfter(now);
    }

    private void prune(Instant now) {
        if (recorded.size() > PRUNE_ABOVE || glass.size() > PRUNE_ABOVE) {
            recorded.values().removeIf(until -> !until.isAfter(now));
            glass.values().removeIf(until -> !until.isAfter(now));
        }
    }

    /** A social worker asked for a case their centres do not follow, without a reason. */
    public static class OutsideCentres extends RuntimeException {
        public OutsideCentres(String beneficiaryId) {
            super("case " + beneficiaryId + " is outside the reader's centres");
        }
    }
}
