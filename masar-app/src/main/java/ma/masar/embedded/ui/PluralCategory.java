package ma.masar.embedded.ui;

import java.util.Locale;

/**
 * The CLDR plural category of a whole number, for the pages' two languages: which form of a counted noun a count
 * takes. MessageFormat's {@code choice} cannot say it for Arabic, whose forms follow the last two digits.
 * <ul>
 *   <li>Arabic: {@code zero} 0, {@code one} 1, {@code two} 2, {@code few} when n % 100 is 3 to 10 (plural noun:
 *       3 اتفاقيات), {@code many} when n % 100 is 11 to 99 (singular noun: 11 اتفاقية), {@code other} otherwise
 *       (100, 101, 102: singular noun);</li>
 *   <li>French: {@code one} 0 and 1 (0 convention signée), {@code many} a non-zero multiple of a million
 *       (1 000 000 de conventions), {@code other} otherwise;</li>
 *   <li>any other language: {@code one} 1, {@code other} otherwise.</li>
 * </ul>
 * The message bundles hold one key per form, {@code <key>.<category>}; see {@link LocalFormats#count}.
 */
enum PluralCategory {
    ZERO, ONE, TWO, FEW, MANY, OTHER;

    static PluralCategory of(long count, Locale locale) {
        long n = Math.abs(count);
        switch (locale.getLanguage()) {
            case "ar" -> {
                long lastTwo = n % 100;
                if (n == 0) {
                    return ZERO;
                }
                if (n == 1) {
                    return ONE;
                }
                if (n == 2) {
                    return TWO;
                }
                if (lastTwo >= 3 && lastTwo <= 10) {
                    return FEW;
                }
                return lastTwo >= 11 ? MANY : OTHER;
            }
            case "fr" -> {
                if (n <= 1) {
                    return ONE;
                }
                return n % 1_000_000 == 0 ? MANY : OTHER;
            }
            default -> {
                return n == 1 ? ONE : OTHER;
            }
        }
    }

    /** As the bundles' keys end: {@code one}, {@code few}... */
    String suffix() {
        return name().toLowerCase(Locale.ROOT);
    }
}
