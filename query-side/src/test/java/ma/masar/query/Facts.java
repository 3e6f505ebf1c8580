package ma.masar.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Records facts the way the command side does: domain events of an aggregate, numbered in its stream, with the user
 * who recorded them in the metadata.
 */
public final class Facts {

    private final EventStore eventStore;
    private final Map<String, Long> sequences = new HashMap<>();

    public Facts(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Records {@code payload} in the stream of aggregate {@code aggregateId} and returns the event id. */
    public String record(String aggregateType, String aggregateId, Object payload) {
        return record(aggregateType, aggregateId, payload, Instant.now(), "worker-7");
    }

    public String record(String aggregateType, String aggregateId, Object payload, Instant recordedAt,
                         String userId) {
        long sequence = sequences.merge(aggregateId, 0L, (previous, ignored) -> previous + 1);
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("userId", userId);
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, metadata,
                                                           eventId, recordedAt));
        return eventId;
    }

    public String beneficiary(String beneficiaryId, Object payload) {
        return record("Beneficiary", beneficiaryId, payload);
    }

    public String centre(String centreId, Object payload) {
        return record("Centre", centreId, payload);
    }

    public static PersonalData person(String givenAr, String familyAr, String givenLatin, String familyLatin,
                                      int birthYear, String nationalId) {
        return new PersonalData(givenAr, familyAr, givenLatin, familyLatin, LocalDate.of(birthYear, 3, 14),
                                nationalId, "Hay Mohammadi", null);
    }

    public static BeneficiaryRegistered registered(String beneficiaryId, PersonalData personal, Region region,
                                                   String province, LocalDate registeredOn) {
        return new BeneficiaryRegistered(beneficiaryId, personal, Sex.FEMALE, personal.dateOfBirth().getYear(), region,
                                         province, HouseholdSituation.POOR_HOUSEHOLD, registeredOn);
    }

    public static Placement placement(String enrolmentId, String centreId, ProgrammeType programme, Region region,
                                      String province, LocalDate enrolledOn) {
        return new Placement(enrolmentId, centreId, programme, region, province, enrolledOn);
    }
}
