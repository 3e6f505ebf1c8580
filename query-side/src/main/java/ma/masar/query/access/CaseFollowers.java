package ma.masar.query.access;

import ma.masar.access.Actor;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a social worker follows a case, from the case's own events: the centres of its enrolments, now and before,
 * and who registered the person. Asked only when the search read model says she does not: the read model follows the
 * events a moment later, so a person she registered (or enrolled) a second ago would otherwise look like another
 * centre's case, and her own page would ask her for a reason to open it. The stream is read by aggregate identifier
 * (an indexed look-up in the embedded H2 file as in Axon Server); only the payload types are looked at, and only the
 * enrolments are read, never the personal data. From the first event on, never a snapshot (none is taken of a case
 * today; one would hide the enrolments before it).
 */
@Component
class CaseFollowers {

    private static final String USER_ID = "userId";

    private final EventStore events;

    CaseFollowers(EventStore events) {
        this.events = events;
    }

    /** Whether anything is recorded about this case: its stream has a first event. */
    boolean recorded(String beneficiaryId) {
        try (Stream<? extends DomainEventMessage<?>> stream = events.readEvents(beneficiaryId, 0).asStream()) {
            return stream.findAny().isPresent();
        }
    }

    boolean followedBy(String beneficiaryId, Set<String> centres, String userId) {
        List<String> caseCentres = new ArrayList<>();
        String[] registeredBy = {null};
        try (Stream<? extends DomainEventMessage<?>> stream = events.readEvents(beneficiaryId, 0).asStream()) {
            stream.forEach(event -> {
                Class<?> type = event.getPayloadType();
                if (type == BeneficiaryRegistered.class) {
                    Object by = event.getMetaData().get(USER_ID);
                    registeredBy[0] = by == null ? null : by.toString();
                } else if (type == EnrolledInProgramme.class) {
                    caseCentres.add(((EnrolledInProgramme) event.getPayload()).placement().centreId());
                } else if (type == MovedToApprenticeship.class) {
                    caseCentres.add(((MovedToApprenticeship) event.getPayload()).apprenticeship().centreId());
                }
            });
        }
        return Actor.follows(centres, userId, caseCentres, registeredBy[0]);
    }
}
