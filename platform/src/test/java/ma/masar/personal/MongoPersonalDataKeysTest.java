package ma.masar.personal;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The production key store, against the MongoDB stand-in: a database of its own, keys gone for good on erasure. */
class MongoPersonalDataKeysTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final InetSocketAddress address = server.bind();
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    private final MongoPersonalDataKeys keys = new MongoPersonalDataKeys(client, "masar_keys");

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aKeyIsCreatedOnceReadBackAndDestroyedForGood() {
        var created = keys.keyToEncrypt("b-1").orElseThrow();
        assertThat(keys.keyToEncrypt("b-1")).contains(created);
        assertThat(keys.keyToDecrypt("b-1").key()).isEqualTo(created);
        assertThat(client.getDatabase("masar_keys").listCollectionNames()).containsExactly("personalDataKeys");

        keys.destroy("b-1");
        keys.destroy("b-1"); // twice: no error, still destroyed
        assertThat(keys.keyToDecrypt("b-1").destroyed()).isTrue();
        assertThat(keys.keyToEncrypt("b-1")).isEmpty();
        Document stored = client.getDatabase("masar_keys").getCollection("personalDataKeys").find().first();
        assertThat(stored).containsKey("destroyedAt").doesNotContainKey("key");
    }

    @Test
    void destroyingAKeyThatWasNeverCreatedStillRecordsTheErasure() {
        keys.destroy("b-2");
        assertThat(keys.keyToDecrypt("b-2").destroyed()).isTrue();
        assertThat(keys.keyToEncrypt("b-2")).isEmpty();
        assertThat(keys.keyToDecrypt("b-3")).isEqualTo(PersonalDataKeys.KeyState.NONE);
    }
}
