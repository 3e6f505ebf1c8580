package ma.masar.access;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why a person reaches a case outside her centres (breaking the glass to read it, taking it over to enrol): it is
 * recorded for auditors, so it must be real text. It is normalised (NFC, runs of spaces made one, trimmed), must hold
 * at least {@value #MIN_LETTERS} letters, at most {@value #MAX_LENGTH} characters, and no control character, line
 * break, zero-width or bidirectional formatting character (they hide or reorder what an auditor reads, and break
 * exports); such a reason is refused, not cleaned, so what was stored is what was typed.
 */
public final class StatedReason {

    public static final int MAX_LENGTH = 500;
    public static final int MIN_LETTERS = 3;

    /** Control (Cc), format (Cf: zero-width, bidi overrides, soft hyphen), line/paragraph separators, unassigned. */
    private static final Pattern FORBIDDEN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cn}\\p{Cs}\\p{Co}]");
    private static final Pattern SPACES = Pattern.compile("\\p{Zs}+");
    /** Letters other than the Arabic tatweel, which only stretches a word. */
    private static final Pattern LETTER = Pattern.compile("[\\p{L}&&[^\\u0640]]");

    private StatedReason() {
    }

    /**
     * The reason as it will be recorded, or empty when none was given (null or only spaces).
     *
     * @throws Invalid when a reason was given but is not acceptable text
     */
    public static Optional<String> of(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        if (FORBIDDEN.matcher(raw).find()) {
            throw new Invalid("a reason may not contain control, line-break, zero-width or direction characters");
        }
        String text = SPACES.matcher(Normalizer.normalize(raw, Normalizer.Form.NFC)).replaceAll(" ").strip();
        if (text.length() > MAX_LENGTH) {
            throw new Invalid("a reason is at most " + MAX_LENGTH + " characters");
        }
        long letters = LETTER.matcher(text).results().count();
        if (letters < MIN_LETTERS) {
            throw new Invalid("a reason is written in words: at least " + MIN_LETTERS + " letters");
        }
        return Optional.of(text);
    }

    /** A reason that cannot be recorded; the message names no person and quotes no input. */
    public static class Invalid extends IllegalArgumentException {
        public Invalid(String message) {
            super(message);
        }
    }
}
