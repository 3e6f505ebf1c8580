package ma.masar.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.EnrolmentChange;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.RegistrationCorrected;
import ma.masar.api.query.EnrolmentStatus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case as the agency knew it at a moment: only the events recorded up to then, replayed from the case's
 * own stream. Answers "what did we know, and who recorded it" and the difference between two moments.
 */
@Component
public class CaseHistory {

    public record Enrolment(String enrolmentId, String centreId, String programme, LocalDate enrolledOn,
                            EnrolmentStatus status, LocalDate endedOn) {
    }

    public record CaseState(String beneficiaryId, Instant asOf, int eventCount, JsonNode registration,
                            String registrationEventId, List<Enrolment> enrolments, List<EventLog.Entry> timeline) {
    }

    public record CaseDiff(String beneficiaryId, Instant from, Instant to, List<EventLog.Entry> events,
                           CaseState before, CaseState after) {
    }

    private final EventLog log;

    public CaseHistory(EventLog log) {
        this.log = log;
    }

    public CaseState asOf(String beneficiaryId, Instant asOf) {
        List<DomainEventMessage<?>> known = new ArrayList<>();
        try (var events = log.caseEvents(beneficiaryId)) {
            events.filter(e -> !e.getTimestamp().isAfter(asOf)).forEach(known::add);
        }
        JsonNode registration = null;
        String registrationEventId = null;
        Map<String, Enrolment> enrolments = new LinkedHashMap<>();
        List<EventLog.Entry> timeline = new ArrayList<>();
        for (DomainEventMessage<?> event : known) {
            Object payload = event.getPayload();
            EventLog.Entry entry = log.entry(event, null);
            timeline.add(entry);
            if (payload instanceof BeneficiaryRegistered || payload instanceof RegistrationCorrected) {
                registration = entry.payload();
                registrationEventId = event.getIdentifier();
            }
            for (EnrolmentChange change : EnrolmentChange.of(payload)) {
                Placement placement = change.placement();
                enrolments.put(change.enrolmentId(), new Enrolment(placement.enrolmentId(), placement.centreId(),
                        placement.programme().name(), placement.enrolledOn(), change.status(),
                        change.ends() ? change.on() : null));
            }
        }
        return new CaseState(beneficiaryId, asOf, known.size(), registration, registrationEventId,
                List.copyOf(enrolments.values()), timeline);
    }

    public CaseDiff diff(String beneficiaryId, Instant from, Instant to) {
        CaseState before = asOf(beneficiaryId, from);
        CaseState after = asOf(beneficiaryId, to);
        List<EventLog.Entry> between = after.timeline().stream()
                .filter(e -> e.recordedAt().isAfter(from)).toList();
        return new CaseDiff(beneficiaryId, from, to, between, before, after);
    }
}
