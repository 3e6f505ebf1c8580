package ma.masar.personal;

import javax.crypto.SecretKey;
import java.util.Optional;

/**
 * The beneficiaries' own keys (AES-256), kept apart from the event store: destroying a person's key makes every
 * personal field ever written for them unreadable (crypto-shredding), without touching a stored event.
 * Implementations never log a key.
 */
public interface PersonalDataKeys {

    /** The key to encrypt with, created on first use; empty once the person's data has been erased. */
    Optional<SecretKey> keyToEncrypt(String beneficiaryId);

    /** The key as stored, without creating one. */
    KeyState keyToDecrypt(String beneficiaryId);

    /** Destroys the person's key for good and remembers that it was destroyed (so none is ever created again). */
    void destroy(String beneficiaryId);

    /**
     * Runs {@code work}, storing the keys it creates together, durably, before this returns; if they cannot be stored,
     * throws and none of them is used again. The events a batch of commands appends at once are serialized in one
     * (the embedded event store's append). By default each key is stored on its own, as it is created.
     */
    default void storeNewKeysTogether(Runnable work) {
        work.run();
    }

    /** What the store holds for one person: a key, a destroyed key, or nothing yet. */
    record KeyState(SecretKey key, boolean destroyed) {

        public static final KeyState NONE = new KeyState(null, false);
        public static final KeyState DESTROYED = new KeyState(null, true);

        public static KeyState of(SecretKey key) {
            return new KeyState(key, false);
        }

        public boolean present() {
            return key != null;
        }

        /** Never print a key. */
        @Override
        public String toString() {
            return present() ? "KeyState[present]" : destroyed ? "KeyState[destroyed]" : "KeyState[none]";
        }
    }
}
