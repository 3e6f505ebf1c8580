package ma.masar.personal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ma.masar.api.beneficiary.AboutBeneficiary;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The event serializer: a JSON serializer (Axon's {@code JacksonSerializer}) whose output has every {@code @Personal}
 * component of a message {@link AboutBeneficiary} replaced by an envelope encrypted with that person's key:
 * <pre>{"personal": {"$encrypted": "AES-256-GCM", "iv": "...", "data": "..."}}</pre>
 * The envelope holds the component's own JSON. Reading reverses it; when the person's key has been destroyed
 * (erasure) the component reads as erased instead: an empty object for a record ({@code PersonalData.ERASED}),
 * {@code null} otherwise. Everything that reads events (aggregates, projections, the audit log, rebuilds) goes
 * through here and needs nothing else. Upcasters run on the stored JSON before this, so they see envelopes where
 * personal values were and must leave them alone.
 * <p>
 * Events stored before encryption existed hold plaintext; they read as they are, or as erased once the person's
 * key is destroyed. Once a person is erased nothing personal is encrypted for them again: the erased value is
 * written instead. Neither keys nor plaintext are ever logged.
 */
public final class CryptoShreddingSerializer implements Serializer {

    static final String MARKER = "$encrypted";
    static final String ALGORITHM = "AES-256-GCM";

    private static final Logger log = LoggerFactory.getLogger(CryptoShreddingSerializer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Serializer delegate;
    private final PersonalDataKeys keys;
    private final PersonalDataCipher cipher = new PersonalDataCipher();

    public CryptoShreddingSerializer(Serializer delegate, PersonalDataKeys keys) {
        if (!delegate.canSerializeTo(JsonNode.class)) {
            throw new IllegalArgumentException("personal fields are encrypted in the JSON tree: the event serializer "
                                               + "must be a JSON one, not " + delegate.getClass().getName());
        }
        this.delegate = delegate;
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        if (!(object instanceof AboutBeneficiary about) || PersonalFields.of(object.getClass()).isEmpty()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        SerializedObject<JsonNode> tree = delegate.serialize(object, JsonNode.class);
        ObjectNode node = (ObjectNode) tree.getData();
        seal(node, about.beneficiaryId(), PersonalFields.of(object.getClass()));
        T data = getConverter().convert(node, JsonNode.class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, tree.getType());
    }

    @Override
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        if (SerializedType.emptyType().equals(serializedObject.getType())) {
            return delegate.deserialize(serializedObject);
        }
        List<PersonalFields.Field> fields = PersonalFields.of(classForType(serializedObject.getType()));
        if (fields.isEmpty()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode node = JsonNode.class.isAssignableFrom(serializedObject.getContentType())
                ? ((JsonNode) serializedObject.getData()).deepCopy() // upcasters' trees are shared: never change them
                : getConverter().convert(serializedObject.getData(), serializedObject.getContentType(), JsonNode.class);
        if (node instanceof ObjectNode object && object.hasNonNull("beneficiaryId")) {
            open(object, object.get("beneficiaryId").asText(), fields);
        }
        return delegate.deserialize(new SimpleSerializedObject<>(node, JsonNode.class, serializedObject.getType()));
    }

    private void seal(ObjectNode node, String beneficiaryId, List<PersonalFields.Field> fields) {
        Optional<SecretKey> key = Optional.empty();
        boolean looked = false;
        for (PersonalFields.Field field : fields) {
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                continue;
            }
            if (!looked) {
                key = keys.keyToEncrypt(beneficiaryId);
                looked = true;
            }
            if (key.isEmpty()) {
                // the person is erased: their personal data is not stored again, not even encrypted
                node.set(field.name(), erased(field));
                continue;
            }
            PersonalDataCipher.Sealed sealed = cipher.encrypt(key.get(), beneficiaryId, bytes(value));
            node.set(field.name(), JsonNodeFactory.instance.objectNode()
                                                           .put(MARKER, ALGORITHM)
                                                           .put("iv", Base64.getEncoder().encodeToString(sealed.iv()))
                                                           .put("data", Base64.getEncoder().encodeToString(sealed.data())));
        }
    }

    private void open(ObjectNode node, String beneficiaryId, List<PersonalFields.Field> fields) {
        PersonalDataKeys.KeyState key = null;
        for (PersonalFields.Field field : fields) {
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                continue;
            }
            if (key == null) {
                key = keys.keyToDecrypt(beneficiaryId);
            }
            if (!isEnvelope(value)) {
                // stored before encryption existed: plaintext, readable until the person is erased
                if (key.destroyed()) {
                    node.set(field.name(), erased(field));
                }
                continue;
            }
            if (!key.present()) {
                if (!key.destroyed()) {
                    log.warn("No personal-data key for beneficiary {}: its personal fields read as erased",
                             beneficiaryId);
                }
                node.set(field.name(), erased(field));
                continue;
            }
            node.set(field.name(), decrypt(key.key(), beneficiaryId, value));
        }
    }

    private JsonNode decrypt(SecretKey key, String beneficiaryId, JsonNode envelope) {
        if (!ALGORITHM.equals(envelope.get(MARKER).asText())) {
            throw new SerializationException("unknown personal-data encryption " + envelope.get(MARKER).asText());
        }
        try {
            byte[] plaintext = cipher.decrypt(key, beneficiaryId, new PersonalDataCipher.Sealed(
                    Base64.getDecoder().decode(envelope.path("iv").asText()),
                    Base64.getDecoder().decode(envelope.path("data").asText())));
            return JSON.readTree(plaintext);
        } catch (GeneralSecurityException | IllegalArgumentException | IOException e) {
            // a key that exists and does not open the value: tampering or a bug, never shown as "erased"
            throw new SerializationException("personal data of beneficiary " + beneficiaryId
                                             + " does not decrypt with its key");
        }
    }

    static boolean isEnvelope(JsonNode value) {
        return value.isObject() && value.has(MARKER);
    }

    /** What an erased component reads as: an empty object for a record (all fields null), null otherwise. */
    private static JsonNode erased(PersonalFields.Field field) {
        return field.type().isRecord() ? JsonNodeFactory.instance.objectNode() : JsonNodeFactory.instance.nullNode();
    }

    private static byte[] bytes(JsonNode value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write a personal value", e);
        }
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
