package ma.masar.query.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.ServiceDelivered;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.upcasting.ServiceTypeRenamed;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.query.Facts;
import ma.masar.query.QuerySideTest;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** ServiceDelivered revision 1 (field {@code type}) is read as revision 2 (field {@code serviceType}). */
class ServiceDeliveredUpcastingTest extends QuerySideTest {

    @Autowired
    Configuration axon;
    @Autowired
    ApplicationContext context;

    @Test
    void readsRevisionOneAsRevisionTwo() throws Exception {
        DomainEventMessage<?> read = readBack(storedAsRevisionOne("b-old", 0, "s-old", ServiceType.LITERACY_CLASS));

        assertThat(read.getPayload()).isInstanceOf(ServiceDelivered.class);
        ServiceDelivered event = (ServiceDelivered) read.getPayload();
        assertThat(event.serviceType()).isEqualTo(ServiceType.LITERACY_CLASS);
        assertThat(event.serviceId()).isEqualTo("s-old");
        assertThat(event.deliveredOn()).isEqualTo(LocalDate.of(2010, 5, 3));
    }

    @Test
    void upcasterIsRegisteredOnce() {
        assertThat(context.getBeansOfType(ServiceTypeRenamed.class)).hasSize(1);
    }

    @Test
    void timelineOverMixedRevisionsNamesEveryService() throws Exception {
        Facts facts = facts();
        String beneficiaryId = Facts.newId("b");
        facts.beneficiary(beneficiaryId, new EnrolledInProgramme(beneficiaryId, placement(), null));
        facts.beneficiary(beneficiaryId, new ServiceDelivered(beneficiaryId, "s-new", placement(),
                                                              ServiceType.LITERACY_CLASS, LocalDate.of(2010, 5, 2)));
        eventStore.publish(readBack(storedAsRevisionOne(beneficiaryId, 2, "s-old", ServiceType.LITERACY_CLASS)));
        awaitProjected();

        Document fresh = readStore.getCollection("timeline").find(new Document("_id", beneficiaryId + "/1")).first();
        Document old = readStore.getCollection("timeline").find(new Document("_id", beneficiaryId + "/2")).first();
        assertThat(fresh).isNotNull();
        assertThat(old).isNotNull();
        assertThat(old.get("details", Document.class).getString("service"))
                .isNotNull()
                .isEqualTo(fresh.get("details", Document.class).getString("service"));
    }

    private static Placement placement() {
        return Facts.placement("e1", "c-1", ProgrammeType.EDUCATION_TRAINING, Region.CASABLANCA_SETTAT, "Casablanca",
                               LocalDate.of(2010, 3, 8));
    }

    /** What revision 1 looked like in the store: the revision-2 JSON with {@code serviceType} named {@code type}. */
    private GenericDomainEventEntry<String> storedAsRevisionOne(String beneficiaryId, long sequence, String serviceId,
                                                                ServiceType type) throws Exception {
        Serializer serializer = axon.eventSerializer();
        SerializedObject<String> current = serializer.serialize(
                new ServiceDelivered(beneficiaryId, serviceId, placement(), type, LocalDate.of(2010, 5, 3)),
                String.class);
        assertThat(current.getType().getRevision()).isEqualTo("2");
        ObjectNode json = (ObjectNode) JSON.readTree(current.getData());
        json.set("type", json.remove("serviceType"));
        return new GenericDomainEventEntry<>("Beneficiary", beneficiaryId, sequence, "evt-" + serviceId + sequence,
                                             Instant.parse("2010-05-03T10:00:00Z"), ServiceDelivered.class.getName(),
                                             "1", JSON.writeValueAsString(json), "{\"userId\":\"worker-7\"}");
    }

    private DomainEventMessage<?> readBack(GenericDomainEventEntry<String> stored) {
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(stored), axon.eventSerializer(), axon.upcasterChain());
        return stream.next();
    }
}
