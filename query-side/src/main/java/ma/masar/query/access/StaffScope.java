package ma.masar.query.access;

import ma.masar.access.Actor;
import ma.masar.access.CurrentActor;
import ma.masar.access.Role;
import ma.masar.access.SecurityProperties;
import ma.masar.api.staff.StaffAssignments;
import ma.masar.api.staff.StaffStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a reader works today: the query side's {@link Actor} with a social worker's centres from her assignments.
 * <p>
 * Read from her own stream in the event store, not from the staff read model: the read model follows the events a
 * batch later, so a worker whose assignment was ended a second ago could still open the centre's cases, and one
 * assigned a second ago could not yet read the case she just enrolled. Her stream is a handful of events, read by
 * aggregate identifier (an indexed look-up, in the embedded H2 file as in Axon Server), once per request that needs
 * it. The command side reads the same stream through its aggregate, so both sides hold her to the same centres.
 * <p>
 * A person with no assignment recorded keeps her configured centres (the embedded mode's bootstrap, as on the
 * command side); a configured service account of every centre ({@link Actor#ALL_CENTRES}) stays so.
 */
@Component
public class StaffScope {

    private final EventStore events;
    private final ObjectProvider<SecurityProperties> configured;
    private final Clock clock;

    public StaffScope(EventStore events, ObjectProvider<SecurityProperties> configured, Clock clock) {
        this.events = events;
        this.configured = configured;
        this.clock = clock;
    }

    /** The person of the current request, her centres resolved; empty when no one is logged in. */
    public Optional<Actor> current() {
        return CurrentActor.get().map(this::resolved);
    }

    public Actor resolved(Actor actor) {
        if (!actor.has(Role.SOCIAL_WORKER) || actor.centres().contains(Actor.ALL_CENTRES)) {
            return actor;
        }
        return actor.withCentres(centresToday(actor.userId()));
    }

    public Set<String> centresToday(String staffId) {
        List<Object> history = events.readEvents(StaffStream.of(staffId)).asStream()
                                     .map(EventMessage::getPayload).map(Object.class::cast).toList();
        if (history.isEmpty()) {
            SecurityProperties properties = configured.getIfAvailable();
            return properties == null ? Set.of() : new LinkedHashSet<>(properties.configuredCentres(staffId));
        }
        return StaffAssignments.of(history).centresOn(LocalDate.now(clock));
    }
}
