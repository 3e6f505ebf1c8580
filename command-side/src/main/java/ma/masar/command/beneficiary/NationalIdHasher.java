package ma.masar.command.beneficiary;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/** Turns a national ID number into the claim's identifier: HMAC-SHA256 under a secret, never reversible. */
@Component
class NationalIdHasher {

    private final SecretKeySpec key;

    NationalIdHasher(@Value("${masar.national-id.secret}") String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String claimId(String nationalId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(normalise(nationalId).getBytes(StandardCharsets.UTF_8));
            return "nid-" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    static String normalise(String nationalId) {
        return nationalId.strip().replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
