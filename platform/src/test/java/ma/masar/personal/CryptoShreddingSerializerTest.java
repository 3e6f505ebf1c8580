package ma.masar.personal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.NationalIdClaimed;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is stored for an event with personal data, and what reads back before and after the key is destroyed. */
class CryptoShreddingSerializerTest {

    private static final PersonalData FATIMA = new PersonalData("فاطمة", "الإدريسي", "Fatima", "Idrissi",
            LocalDate.of(1992, 4, 12), "CD123456", "Derb Sidi Bouali 14, Sefrou", "malvoyante");

    @TempDir
    Path dir;

    private EmbeddedPersonalDataKeys store;
    private PersonalDataKeys keys;
    private JacksonSerializer json;
    private CryptoShreddingSerializer serializer;

    @BeforeEach
    void setUp() {
        store = new EmbeddedPersonalDataKeys(url());
        keys = new CachedPersonalDataKeys(store, 100, java.time.Duration.ofMinutes(1));
        ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                                        .serializationInclusion(JsonInclude.Include.NON_NULL).build();
        json = JacksonSerializer.builder().objectMapper(mapper).build();
        serializer = new CryptoShreddingSerializer(json, keys);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("keys") + ";WRITE_DELAY=0";
    }

    private static BeneficiaryRegistered registered(String id, PersonalData personal) {
        return new BeneficiaryRegistered(id, personal, Sex.FEMALE, 1992, Region.FES_MEKNES, "Sefrou",
                HouseholdSituation.POOR_HOUSEHOLD, LocalDate.of(2010, 2, 1));
    }

    private static String text(SerializedObject<byte[]> stored) {
        return new String(stored.getData(), StandardCharsets.UTF_8);
    }

    @Test
    void storedJsonHoldsNoPlaintextAndReadsBackWhole() {
        SerializedObject<byte[]> stored = serializer.serialize(registered("b-1", FATIMA), byte[].class);

        assertThat(text(stored)).doesNotContain("Fatima", "Idrissi", "فاطمة", "الإدريسي", "CD123456", "Sefrou,",
                "Derb Sidi Bouali", "malvoyante", "1992-04-12")
                .contains("\"beneficiaryId\":\"b-1\"", "\"birthYear\":1992", "\"province\":\"Sefrou\"",
                        "\"$encrypted\":\"AES-256-GCM\"");
        assertThat(stored.getType().getName()).isEqualTo(BeneficiaryRegistered.class.getName());
        assertThat(stored.getType().getRevision()).isEqualTo("1");
        BeneficiaryRegistered read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(registered("b-1", FATIMA));
    }

    @Test
    void sameValueEncryptsDifferentlyEachTime() {
        String first = text(serializer.serialize(new CaseNoteAdded("b-1", "n-1", "visite à domicile", null), byte[].class));
        String second = text(serializer.serialize(new CaseNoteAdded("b-1", "n-1", "visite à domicile", null), byte[].class));
        assertThat(first).isNotEqualTo(second).doesNotContain("visite");
    }

    @Test
    void afterTheKeyIsDestroyedPersonalFieldsReadAsErasedAndTheRestStays() {
        SerializedObject<byte[]> registration = serializer.serialize(registered("b-2", FATIMA), byte[].class);
        SerializedObject<byte[]> note = serializer.serialize(
                new CaseNoteAdded("b-2", "n-1", "a parlé de sa situation familiale", LocalDate.of(2010, 3, 1)),
                byte[].class);

        keys.destroy("b-2");

        BeneficiaryRegistered read = serializer.deserialize(registration);
        assertThat(read.personal()).isEqualTo(PersonalData.ERASED);
        assertThat(read.personal().erased()).isTrue();
        assertThat(read.birthYear()).isEqualTo(1992);
        assertThat(read.region()).isEqualTo(Region.FES_MEKNES);
        CaseNoteAdded readNote = serializer.deserialize(note);
        assertThat(readNote.text()).isNull();
        assertThat(readNote.noteId()).isEqualTo("n-1");
        assertThat(readNote.writtenOn()).isEqualTo(LocalDate.of(2010, 3, 1));
    }

    @Test
    void anotherServiceWithItsOwnCacheSeesTheDestructionThroughTheStore() {
        SerializedObject<byte[]> registration = serializer.serialize(registered("b-3", FATIMA), byte[].class);
        store.destroy("b-3"); // not through this serializer's cache: as the command side would, elsewhere
        PersonalDataKeys freshCache = new CachedPersonalDataKeys(store, 100, java.time.Duration.ofMinutes(1));
        BeneficiaryRegistered read = new CryptoShreddingSerializer(json, freshCache).deserialize(registration);
        assertThat(read.personal()).isEqualTo(PersonalData.ERASED);
    }

    @Test
    void eventsStoredBeforeEncryptionExistedStillReadUntilThePersonIsErased() {
        // written by the plain JSON serializer, as every event in data/ folders from before crypto-shredding
        SerializedObject<byte[]> old = json.serialize(registered("b-4", FATIMA), byte[].class);
        assertThat(text(old)).contains("Fatima");

        assertThat(serializer.<byte[], BeneficiaryRegistered>deserialize(old)).isEqualTo(registered("b-4", FATIMA));

        keys.destroy("b-4");
        assertThat(serializer.<byte[], BeneficiaryRegistered>deserialize(old).personal()).isEqualTo(PersonalData.ERASED);
    }

    @Test
    void nothingPersonalIsStoredAgainForAnErasedPerson() {
        keys.destroy("b-5");
        String stored = text(serializer.serialize(registered("b-5", FATIMA), byte[].class));
        assertThat(stored).doesNotContain("Fatima", "$encrypted", "CD123456");
        assertThat(store.keyToDecrypt("b-5").destroyed()).isTrue();
        assertThat(store.keyToDecrypt("b-5").present()).isFalse();
    }

    @Test
    void eventsWithoutPersonalDataAreLeftAsTheyAreAndCreateNoKey() {
        String stored = text(serializer.serialize(new NationalIdClaimed("nid-abc", "b-6"), byte[].class));
        assertThat(stored).isEqualTo("{\"claimId\":\"nid-abc\",\"beneficiaryId\":\"b-6\"}");
        assertThat(store.keyToDecrypt("b-6")).isEqualTo(PersonalDataKeys.KeyState.NONE);
    }

    @Test
    void aKeySurvivesARestartOfItsStore() {
        SerializedObject<byte[]> stored = serializer.serialize(registered("b-7", FATIMA), byte[].class);
        store.close();
        store = new EmbeddedPersonalDataKeys(url());
        CryptoShreddingSerializer afterRestart = new CryptoShreddingSerializer(json,
                new CachedPersonalDataKeys(store, 100, java.time.Duration.ofMinutes(1)));
        assertThat(afterRestart.<byte[], BeneficiaryRegistered>deserialize(stored)).isEqualTo(registered("b-7", FATIMA));
    }

    @Test
    void aValueCopiedIntoAnotherPersonsEventDoesNotDecrypt() {
        String stored = text(serializer.serialize(new CaseNoteAdded("b-8", "n-1", "secret", null), byte[].class));
        serializer.serialize(new CaseNoteAdded("b-9", "n-1", "other", null), byte[].class); // b-9 has a key too
        byte[] moved = stored.replace("\"b-8\"", "\"b-9\"").getBytes(StandardCharsets.UTF_8);
        SerializedObject<byte[]> forged = new SimpleSerializedObject<>(moved, byte[].class,
                new SimpleSerializedType(CaseNoteAdded.class.getName(), "1"));
        assertThatThrownBy(() -> serializer.deserialize(forged)).isInstanceOf(SerializationException.class)
                                                                 .hasMessageNotContaining("secret");
    }
}
