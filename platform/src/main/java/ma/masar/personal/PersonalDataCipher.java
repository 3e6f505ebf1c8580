package ma.masar.personal;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * AES-256-GCM with a fresh random 96-bit IV for every value. The beneficiary id is the associated data: a value
 * copied into another person's event does not decrypt there.
 */
final class PersonalDataCipher {

    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Sealed(byte[] iv, byte[] data) {
    }

    Sealed encrypt(SecretKey key, String beneficiaryId, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(beneficiaryId.getBytes(StandardCharsets.UTF_8));
            return new Sealed(iv, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** The plaintext, or a {@link GeneralSecurityException} if the key, the person or the bytes do not match. */
    byte[] decrypt(SecretKey key, String beneficiaryId, Sealed sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.iv()));
        cipher.updateAAD(beneficiaryId.getBytes(StandardCharsets.UTF_8));
        return cipher.doFinal(sealed.data());
    }
}
