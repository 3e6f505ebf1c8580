package ma.masar.personal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The keys of a group's new people, stored together before the events they encrypt. */
class KeyBatchTest {

    @Test
    void aBatchsKeysAreOnDiskWhenItEndsAndNoOtherThreadSeesThemBefore() throws Exception {
        Path dir = Files.createTempDirectory("keys");
        String url = "jdbc:h2:file:" + dir.resolve("keys") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        AtomicReference<SecretKey> first = new AtomicReference<>();
        AtomicReference<SecretKey> second = new AtomicReference<>();
        try (EmbeddedPersonalDataKeys store = new EmbeddedPersonalDataKeys(url)) {
            store.storeNewKeysTogether(() -> {
                first.set(store.keyToEncrypt("p-1").orElseThrow());
                second.set(store.keyToEncrypt("p-2").orElseThrow());
                // the batch's own thread reads its keys; another sees none until the batch has stored them
                assertThat(store.keyToEncrypt("p-1")).contains(first.get());
                assertThat(CompletableFuture.supplyAsync(() -> store.keyToDecrypt("p-1")).join())
                        .isEqualTo(PersonalDataKeys.KeyState.NONE);
            });
            assertThat(CompletableFuture.supplyAsync(() -> store.keyToDecrypt("p-2")).join().key())
                    .isEqualTo(second.get());
        }
        try (EmbeddedPersonalDataKeys reopened = new EmbeddedPersonalDataKeys(url)) {
            assertThat(reopened.keyToDecrypt("p-1").key()).isEqualTo(first.get());
            assertThat(reopened.keyToDecrypt("p-2").key()).isEqualTo(second.get());
        }
    }

    @Test
    void aBatchThatFailsStoresNoneOfItsKeysAndTheCacheNeverHandsThemOut() throws Exception {
        try (EmbeddedPersonalDataKeys store = new EmbeddedPersonalDataKeys(
                "jdbc:h2:mem:keys-batch-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
             CachedPersonalDataKeys keys = new CachedPersonalDataKeys(store, 10, Duration.ofMinutes(1))) {
            AtomicReference<SecretKey> lost = new AtomicReference<>();
            assertThatThrownBy(() -> keys.storeNewKeysTogether(() -> {
                lost.set(keys.keyToEncrypt("p-3").orElseThrow());
                throw new IllegalStateException("the events' append failed");
            })).hasMessage("the events' append failed");

            assertThat(store.keyToDecrypt("p-3")).isEqualTo(PersonalDataKeys.KeyState.NONE);
            // the cache does not hand out the key that was never stored: the next event gets one that is
            assertThat(keys.keyToDecrypt("p-3")).isEqualTo(PersonalDataKeys.KeyState.NONE);
            SecretKey stored = keys.keyToEncrypt("p-3").orElseThrow();
            assertThat(stored).isNotEqualTo(lost.get());
            assertThat(store.keyToDecrypt("p-3").key()).isEqualTo(stored);
        }
    }

    @Test
    void anotherThreadGetsABatchsKeyFromTheCacheOnlyOnceItIsStored() throws Exception {
        try (EmbeddedPersonalDataKeys store = new EmbeddedPersonalDataKeys(
                "jdbc:h2:mem:keys-shared-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
             CachedPersonalDataKeys keys = new CachedPersonalDataKeys(store, 10, Duration.ofMinutes(1))) {
            AtomicReference<SecretKey> created = new AtomicReference<>();
            keys.storeNewKeysTogether(() -> {
                created.set(keys.keyToEncrypt("p-4").orElseThrow());
                assertThat(keys.keyToDecrypt("p-4").key()).isEqualTo(created.get());
                // not yet stored: no other thread may encrypt with it
                assertThat(CompletableFuture.supplyAsync(() -> keys.keyToDecrypt("p-4")).join())
                        .isEqualTo(PersonalDataKeys.KeyState.NONE);
            });
            assertThat(CompletableFuture.supplyAsync(() -> keys.keyToDecrypt("p-4")).join().key())
                    .isEqualTo(created.get());
        }
    }
}
