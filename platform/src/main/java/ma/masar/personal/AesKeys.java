package ma.masar.personal;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.security.SecureRandom;

/** New AES-256 keys from a strong random source, and stored key bytes back into keys. */
final class AesKeys {

    static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesKeys() {
    }

    static byte[] newKeyBytes() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    static SecretKey key(byte[] bytes) {
        if (bytes == null || bytes.length != KEY_BYTES) {
            throw new IllegalStateException("a stored personal-data key has the wrong length");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
