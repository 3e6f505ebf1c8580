package ma.masar.query.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Folds names so that the usual ways of writing the same name meet, in both scripts, without collation (which the
 * embedded stand-in ignores) or text indexes (which it lacks).
 * <ul>
 *   <li>Arabic: harakat (U+064B–U+065F), the dagger alef (U+0670) and tatweel (U+0640) go; alef with hamza or madda
 *   (أ إ آ) and alef wasla (ٱ) become ا; ؤ becomes و and ئ becomes ي; ta marbuta (ة) becomes ha (ه); alef maqsura (ى)
 *   and Persian ya (ی) become ya (ي).</li>
 *   <li>Latin: accents go (NFD, then the combining marks) and case folds to lower.</li>
 * </ul>
 * NFD also splits أ إ آ ؤ ئ into a base letter and a combining hamza or madda, so one step does both scripts.
 */
public final class NameFolding {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_A_NAME_CHARACTER = Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Shorter names are only close when equal: one letter changes too much of them. */
    private static final int SHORTEST_NAME_WITH_NEAR_SPELLINGS = 5;

    private NameFolding() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String folded = COMBINING_MARKS.matcher(decomposed).replaceAll("");
        StringBuilder result = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            switch (c) {
                case '\u0640' -> { } // tatweel
                case '\u0671' -> result.append('\u0627'); // alef wasla -> alef
                case '\u0629' -> result.append('\u0647'); // ta marbuta -> ha
                case '\u0649', '\u06CC' -> result.append('\u064A'); // alef maqsura, Persian ya -> ya
                case '\u06A9' -> result.append('\u0643'); // Persian kaf -> kaf
                default -> result.append(c);
            }
        }
        return result.toString().toLowerCase(Locale.ROOT);
    }

    /** The folded words of the given names, in order, each once. */
    public static List<String> tokens(String... names) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String name : names) {
            for (String token : NOT_A_NAME_CHARACTER.split(fold(name))) {
                if (!token.isEmpty()) {
                    tokens.add(token);
                }
            }
        }
        return new ArrayList<>(tokens);
    }

    /**
     * A full name as one key that ignores word order: the folded words, sorted, run together. "Fatima El Amrani" and
     * "Amrani Fatima El" both give "amranielfatima".
     */
    public static String compact(List<String> tokens) {
        return String.join("", tokens.stream().sorted().toList());
    }

    /** Same name, or one letter added, dropped or changed (Levenshtein distance at most 1). */
    public static boolean close(String a, String b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        int lengthDifference = Math.abs(a.length() - b.length());
        if (lengthDifference > 1) {
            return false;
        }
        if (a.length() < SHORTEST_NAME_WITH_NEAR_SPELLINGS || b.length() < SHORTEST_NAME_WITH_NEAR_SPELLINGS) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            return a.substring(i + 1).equals(b.substring(i + 1));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        return longer.substring(i + 1).equals(shorter.substring(i));
    }
}
