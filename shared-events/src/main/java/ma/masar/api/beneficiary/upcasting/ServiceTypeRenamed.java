package ma.masar.api.beneficiary.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.masar.api.beneficiary.ServiceDelivered;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@link ServiceDelivered} revision 1 called the kind of service {@code type}; revision 2 calls it
 * {@code serviceType}, the word the agency uses (and no longer a clash with the event's own type in exports).
 * Events stored as revision 1 are read as revision 2. Register exactly one instance per application: Axon chains
 * every upcaster it is given, and this one must not be applied to its own output.
 */
public class ServiceTypeRenamed extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 =
            new SimpleSerializedType(ServiceDelivered.class.getName(), "1");
    private static final String REVISION_2 = "2";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation intermediateRepresentation) {
        return REVISION_1.equals(intermediateRepresentation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation intermediateRepresentation) {
        return intermediateRepresentation.upcastPayload(
                new SimpleSerializedType(ServiceDelivered.class.getName(), REVISION_2),
                JsonNode.class,
                ServiceTypeRenamed::renameType);
    }

    static JsonNode renameType(JsonNode payload) {
        if (payload instanceof ObjectNode object && object.has("type") && !object.has("serviceType")) {
            object.set("serviceType", object.remove("type"));
        }
        return payload;
    }
}
