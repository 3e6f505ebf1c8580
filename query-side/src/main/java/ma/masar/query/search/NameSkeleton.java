package ma.masar.query.search;

import java.util.List;
import java.util.Map;

/**
 * The skeleton of one part of a name ({@link NameKeys}): its consonants in one small Latin alphabet, the same from
 * either script. Short vowels are not written in Arabic and are written every which way in Latin, so vowels inside a
 * name go; a leading vowel is kept as {@code a}, a final "a" sound (ة ا ى اء; "a", "ae", "ah") as {@code a} and a
 * final "i" (ي; "i", "y") as {@code y}, since both scripts write them and they tell Rachida from Rachid and Hassani
 * from Hassan. The article ({@code al-}, {@code el-}, {@code ech-}…) and doubled letters go. Letters Latin spellings
 * mix up fall together: {@code ch sh ش}, {@code k q c ق ك}, {@code s ss c(e) ص س}, {@code t th ط ت ث},
 * {@code d dh ض ذ د}, {@code z ظ ز}, {@code h ح ه}, {@code kh خ}, {@code gh غ}; {@code ع}, {@code و} and a {@code w}
 * or {@code ou} inside a name count as vowels. A handful of Latin spellings that drop a leading vowel the Arabic
 * writes are mapped to it ({@link #LATIN_SPELLINGS}).
 */
final class NameSkeleton {

    /** Latin spellings whose skeleton would lose a leading vowel the Arabic writes. */
    private static final Map<String, String> LATIN_SPELLINGS = Map.of("driss", "idriss", "drissi", "idrissi",
                                                                      "smail", "ismail");

    private NameSkeleton() {
    }

    /** The consonant skeleton of one folded part, from either script. */
    static String of(String part) {
        if (part.isEmpty()) {
            return "";
        }
        return isArabic(part.charAt(0)) ? arabic(part) : latin(part);
    }

    private static boolean isArabic(char c) {
        return c >= '\u0600' && c <= '\u06FF';
    }

    private static String latin(String part) {
        String word = LATIN_SPELLINGS.getOrDefault(part, part);
        word = withoutLatinArticle(word);
        word = LATIN_SPELLINGS.getOrDefault(word, word);
        // "abd el X", "abdel X", "abdul X": the article inside goes, so that Abdellah, Abdallah and Abdullah meet
        if (word.startsWith("abd") && word.length() > 5) {
            String rest = word.substring(3);
            for (String article : List.of("oul", "ou", "el", "al", "ul", "il", "ol", "l")) {
                if (rest.startsWith(article) && rest.length() > article.length() + 1) {
                    word = "abd" + "l" + rest.substring(article.length());
                    break;
                }
            }
        }
        StringBuilder sounds = new StringBuilder(word.length());
        int i = 0;
        while (i < word.length()) {
            char c = word.charAt(i);
            char next = i + 1 < word.length() ? word.charAt(i + 1) : 0;
            boolean first = i == 0;
            boolean end = i == word.length() - 1;
            String two = next == 0 ? "" : "" + c + next;
            switch (two) {
                case "ch", "sh" -> { sounds.append('S'); i += 2; continue; }
                case "kh" -> { sounds.append('x'); i += 2; continue; }
                case "gh" -> { sounds.append('g'); i += 2; continue; }
                case "th" -> { sounds.append('t'); i += 2; continue; }
                case "dh" -> { sounds.append('d'); i += 2; continue; }
                case "dj" -> { sounds.append('j'); i += 2; continue; }
                case "ph" -> { sounds.append('f'); i += 2; continue; }
                case "ou" -> { sounds.append(first ? 'a' : '.'); i += 2; continue; }
                default -> { }
            }
            switch (c) {
                // a final "a", "ae", "ah" is the Arabic ending in ة, ى, ا or اء: kept, it tells Rachida from Rachid
                case 'a' -> sounds.append(first || end ? 'a' : '.');
                case 'e' -> sounds.append(first || end && word.charAt(i - 1) == 'a' ? 'a' : '.');
                case 'o', 'u', 'w' -> sounds.append(first ? 'a' : '.');
                case 'i' -> sounds.append(first ? 'a' : end ? 'y' : '.');
                case 'y' -> sounds.append(first || end ? 'y' : '.');
                case 'q', 'k' -> sounds.append('k');
                case 'c' -> sounds.append(next == 'e' || next == 'i' ? 's' : 'k');
                case 'p' -> sounds.append('b');
                case 'v' -> sounds.append('f');
                case 'x' -> sounds.append("ks");
                case 'h' -> sounds.append(end ? 'a' : 'h');
                default -> sounds.append(c);
            }
            i++;
        }
        return consonants(sounds);
    }

    private static String withoutLatinArticle(String word) {
        // an article joined to a sun letter it doubles: "Ettazi", "Essanhaji", "Ezziani", "Echcherkaoui"
        if (word.length() >= 6 && word.charAt(0) == 'e' && "tdrzsn".indexOf(word.charAt(1)) >= 0
                && word.charAt(2) == word.charAt(1)) {
            return word.substring(2);
        }
        if (word.startsWith("echch") && word.length() >= 7) {
            return word.substring(3);
        }
        // "Elalaoui", "Elidrissi", but not "Elias", "Elyas"
        if (word.startsWith("el") && word.length() >= 7 && "aeiou".indexOf(word.charAt(2)) >= 0) {
            return word.substring(2);
        }
        // an article joined to a consonant ("elhassan", "elmehdi"); "alaoui", "allal", "alami" keep theirs
        for (String article : List.of("el", "al")) {
            if (word.startsWith(article) && word.length() >= article.length() + 3) {
                char next = word.charAt(article.length());
                if ("aeiouyl".indexOf(next) < 0) {
                    return word.substring(article.length());
                }
            }
        }
        return word;
    }

    private static String arabic(String part) {
        String word = part;
        if (word.startsWith("ال") && word.length() >= 4) {
            word = word.substring(2);
        }
        // "عبدالقادر": the article inside an "Abd" name goes too
        if (word.startsWith("عبدال") && word.length() > 6) {
            word = "عبدل" + word.substring(5);
        }
        if (word.endsWith("اء") && word.length() > 3) {
            word = word.substring(0, word.length() - 1);
        }
        StringBuilder sounds = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            boolean first = i == 0;
            boolean end = i == word.length() - 1;
            switch (c) {
                // the final ة (folded to ه), ا, ى (read as ا) and اء: the "a" ending Latin writes "a", "ae", "ah"
                case 'ا', 'أ', 'إ', 'آ' -> sounds.append(first || end ? 'a' : '.');
                case 'ء', 'ع', 'و', 'ؤ' -> sounds.append(first ? 'a' : '.');
                case 'ي', 'ى', 'ئ' -> sounds.append(first || end ? 'y' : '.');
                case 'ب', 'پ' -> sounds.append('b');
                case 'ت', 'ط', 'ث' -> sounds.append('t');
                case 'ج' -> sounds.append('j');
                case 'ح' -> sounds.append('h');
                case 'ه', 'ة' -> sounds.append(end ? 'a' : 'h');
                case 'خ' -> sounds.append('x');
                case 'د', 'ذ', 'ض' -> sounds.append('d');
                case 'ر' -> sounds.append('r');
                case 'ز', 'ظ' -> sounds.append('z');
                case 'س', 'ص' -> sounds.append('s');
                case 'ش' -> sounds.append('S');
                case 'غ', 'گ' -> sounds.append('g');
                case 'ف', 'ڤ' -> sounds.append('f');
                case 'ق', 'ك', 'ک' -> sounds.append('k');
                case 'ل' -> sounds.append('l');
                case 'م' -> sounds.append('m');
                case 'ن' -> sounds.append('n');
                default -> sounds.append(Character.isDigit(c) ? c : '.');
            }
        }
        return consonants(sounds);
    }

    /**
     * Drops the vowel marks ('.') and doubled letters, which Arabic writes once (with a shadda, not written here):
     * "b.nn.n.y" and "b.n.n.y" both give "bnny"; a vowel between two equal letters keeps both ("b.l.l": Bilal).
     */
    private static String consonants(CharSequence sounds) {
        StringBuilder skeleton = new StringBuilder(sounds.length());
        char previous = 0;
        for (int i = 0; i < sounds.length(); i++) {
            char c = sounds.charAt(i);
            if (c != '.' && c != previous) {
                skeleton.append(c);
            }
            previous = c;
        }
        return skeleton.toString();
    }
}
