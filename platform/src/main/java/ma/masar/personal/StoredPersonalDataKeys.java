package ma.masar.personal;

import javax.crypto.SecretKey;
import java.util.Optional;

/**
 * What both key stores do alike: a person's key is the stored one, or none once destroyed, or a new one stored on
 * first use; if another thread or process stores one at the same moment, theirs wins and is used.
 */
abstract class StoredPersonalDataKeys implements PersonalDataKeys {

    @Override
    public Optional<SecretKey> keyToEncrypt(String beneficiaryId) {
        KeyState stored = keyToDecrypt(beneficiaryId);
        if (stored.present()) {
            return Optional.of(stored.key());
        }
        if (stored.destroyed()) {
            return Optional.empty();
        }
        byte[] key = AesKeys.newKeyBytes();
        if (insertNew(beneficiaryId, key)) {
            return Optional.of(AesKeys.key(key));
        }
        return Optional.ofNullable(keyToDecrypt(beneficiaryId).key());
    }

    /** Stores a new key for the person, durably; false if one is stored for them already. */
    protected abstract boolean insertNew(String beneficiaryId, byte[] key);
}
