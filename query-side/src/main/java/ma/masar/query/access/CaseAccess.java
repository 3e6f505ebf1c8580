package ma.masar.query.access;

import ma.masar.access.Actor;
import ma.masar.access.StatedReason;
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
import java.util.function.Supplier;

/**
 * The door to a case's content, and the one place where a read writes: before a person sees who someone is, a
 * timeline, an as-of view or a diff, it checks that a social worker's centres follow the case, or that the worker
 * states why they need it ("breaking the glass"), and records the opening as a {@link CaseOpened} event in the event
 * store before anything is shown. Auditors list these.
 * <p>
 * The order is fixed by {@link #open}: decide who may look (403 before anything about the case is looked up), then
 * prepare the answer (a bad parameter or a case that does not exist ends here, and nothing is recorded), then record
 * the opening, then show it. So the log holds only openings of cases that exist and were shown.
 * <p>
 * An opening lasts a short while ({@code masar.access.opening}, 10 minutes): the same person refreshing the same
 * view of the same case meanwhile (the case page's live updates) is the same opening, recorded once. A worker who
 * broke the glass is not asked for the reason again meanwhile, but each other view she opens under it is recorded
 * with that reason. Openings are remembered per process only: after a restart the next read is recorded again and
 * the reason asked again.
 * <p>
 * A social worker's centres are her assignments today, read from the event store ({@link StaffScope}). Which centres
 * follow a case comes from the search read model (enrolments now and before, and who registered a person no centre
 * holds yet), and, when that says no, from the case's own events ({@link CaseFollowers}): a case she registered or
 * enrolled a moment ago is hers before the read model has seen it.
 */
@Component
public class CaseAccess {

    private static final int PRUNE_ABOVE = 10_000;

    private final BeneficiaryDocuments people;
    private final StaffScope staff;
    private final CaseFollowers followers;
    private final EventGateway events;
    private final Duration opening;
    private final Clock clock;
    /** person|case|view → until when that opening stands. */
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();
    /** person|case → the reason of their broken glass, and until when it stands. */
    private final Map<String, Glass> glass = new ConcurrentHashMap<>();

    private record Glass(String reason, Instant until) {
    }

    /** Who may open which case and why, decided before the case is looked at. */
    public record Decision(Actor actor, String beneficiaryId, boolean outside, String reason, boolean breaking) {
    }

    CaseAccess(BeneficiaryDocuments people, StaffScope staff, CaseFollowers followers, EventGateway events,
               @Value("${masar.access.opening:PT10M}") Duration opening, Clock clock) {
        this.people = people;
        this.staff = staff;
        this.followers = followers;
        this.events = events;
        this.opening = opening;
        this.clock = clock;
    }

    /**
     * Opens a case for the current person: decides (or refuses with {@link OutsideCentres}), prepares the answer with
     * {@code show}, records the opening, and returns the answer. {@code show} throws for a case that does not exist or
     * a request it cannot answer: then nothing is recorded.
     *
     * @param reason why a social worker opens a case outside their centres; ignored when not needed
     */
    public <T> T open(String beneficiaryId, CaseOpened.View view, String reason, Supplier<T> show) {
        Decision decision = decide(beneficiaryId, reason);
        T answer = show.get();
        record(decision, view);
        return answer;
    }

    /**
     * Whether the case is recorded in the event store, whatever the read models have seen of it yet: a case page opened
     * a moment after the registration follows the case's live timeline before the timeline read model has it.
     */
    public boolean recorded(String beneficiaryId) {
        return followers.recorded(beneficiaryId);
    }

    /** The first half of {@link #open}: may the current person open this case? */
    public Decision decide(String beneficiaryId, String reason) {
        // her centres as of now, from her assignments: one ended a second ago already refuses (StaffScope)
        Actor actor = staff.current().orElseThrow(() -> new IllegalStateException("no person behind the request"));
        String stated;
        try {
            stated = StatedReason.of(reason).orElse(null);
        } catch (StatedReason.Invalid e) {
            throw new BadQueryParameter("reason", e.getMessage());
        }
        // the read model first (one look-up); the case's own events when it says no, since it may lag a moment
        boolean outside = actor.limitedToCentres()
                && !people.followedBy(beneficiaryId, actor.centres(), actor.userId())
                && !followers.followedBy(beneficiaryId, actor.centres(), actor.userId());
        if (!outside) {
            return new Decision(actor, beneficiaryId, false, null, false);
        }
        if (stated != null) {
            return new Decision(actor, beneficiaryId, true, stated, true);
        }
        Glass standing = glass.get(actor.userId() + "|" + beneficiaryId);
        if (standing == null || !standing.until().isAfter(clock.instant())) {
            throw new OutsideCentres(beneficiaryId);
        }
        return new Decision(actor, beneficiaryId, true, standing.reason(), false);
    }

    /** The second half of {@link #open}: records the opening of a view that is about to be shown. */
    public void record(Decision decision, CaseOpened.View view) {
        Instant now = clock.instant();
        String personCase = decision.actor().userId() + "|" + decision.beneficiaryId();
        Instant until = recorded.get(personCase + "|" + view);
        if (!decision.breaking() && until != null && until.isAfter(now)) {
            return;
        }
        CaseOpened opened = new CaseOpened(decision.beneficiaryId(), decision.actor().userId(), view,
                decision.outside(), decision.reason(), now);
        events.publish(GenericEventMessage.asEventMessage(opened)
                .andMetaData(MetaData.with("userId", decision.actor().userId())));
        prune(now);
        recorded.put(personCase + "|" + view, now.plus(opening));
        if (decision.breaking()) {
            glass.put(personCase, new Glass(decision.reason(), now.plus(opening)));
        }
    }

    private void prune(Instant now) {
        if (recorded.size() > PRUNE_ABOVE || glass.size() > PRUNE_ABOVE) {
            recorded.values().removeIf(until -> !until.isAfter(now));
            glass.values().removeIf(standing -> !standing.until().isAfter(now));
        }
    }

    /** A social worker asked for a case their centres do not follow, without a reason. */
    public static class OutsideCentres extends RuntimeException {
        public OutsideCentres(String beneficiaryId) {
            super("case " + beneficiaryId + " is outside the reader's centres");
        }
    }
}
