package ma.masar.query.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys under which a name is looked up, so that the usual spellings of one Moroccan name meet, in Arabic script,
 * in Latin script and across the two. A name is cut into parts (words, after joining compounds); each part has two
 * keys:
 * <ul>
 *   <li>its <b>fold</b> ({@code f:}): the part as written, folded by {@link NameFolding} (Arabic letter variants,
 *   diacritics, tatweel, Latin accents and case) with its compounds joined. Equal folds are the closest match; a fold
 *   also answers prefixes ("fat" finds "fatima").</li>
 *   <li>its <b>skeleton</b> ({@code k:}): the consonants of the part in one small Latin alphabet, the same from
 *   either script. Short vowels are not written in Arabic and are written every which way in Latin, so vowels
 *   inside a name go; a leading vowel is kept as {@code a}, a final "a" sound (ة ا ى اء; "a", "ae", "ah") as
 *   {@code a} and a final "i" (ي; "i", "y") as {@code y}, since both scripts write them and they tell Rachida from
 *   Rachid and Hassani from Hassan. The article ({@code al-}, {@code el-}, {@code ech-}…) and doubled letters go. Letters Latin spellings mix up
 *   fall together: {@code ch sh ش}, {@code k q c ق ك}, {@code s ss c(e) ص س}, {@code t th ط ت ث}, {@code d dh ض ذ
 *   د}, {@code z ظ ز}, {@code h ح ه}, {@code kh خ}, {@code gh غ}; {@code ع}, {@code و} and a {@code w} or
 *   {@code ou} inside a name count as vowels.</li>
 * </ul>
 * Compounds become one part: "Abd el Kader", "Abdel Kader", "عبد القادر" and "Abdelkader"; "Ait Baha", "Aït-Baha",
 * "أيت بها" and "Aitbaha"; "El Hassan" and "Elhassan". A handful of Latin spellings that drop a leading vowel the
 * Arabic writes are mapped to it ({@link #LATIN_SPELLINGS}: "Driss" is "Idriss").
 * <p>
 * Two names are the same when each part of one meets a part of the other by fold or by skeleton. What the skeleton
 * keeps apart: Fatima (ftma) and Fatiha (ftha); El Hassan (hsn) and Lahcen (lhsn). What it lets meet that should not:
 * names whose consonants agree once vowels and {@code w} go, such as Alaoui, Ouali and Ali (all {@code aly}),
 * Said and Souad ({@code sd}), Mohamed and Mahmoud ({@code mhmd}). A final ي written ى, or ى written ي,
 * still meets its own spelling by fold, but not the Latin one.
 */
public final class NameKeys {

    public static final String FOLD = "f:";
    public static final String SKELETON = "k:";
    static final int FOLD_MARK_LENGTH = 12;

    /** Latin articles written as a word of their own before a name ("El Hassan", "Ech-Cherkaoui"). */
    private static final Set<String> ARTICLES = Set.of("el", "al", "ul", "ech", "es", "ez", "er", "et", "ed", "en",
                                                       "ad", "as", "az", "ar", "at", "an");
    /** "Abd" written alone, joined with the article and the name after it: "Abd el Kader". */
    private static final Set<String> ABD_ALONE = Set.of("abd", "عبد");
    /**
     * Words that are one name with the next: "Abdel Kader", "Abd Allah", "Ait Baha", "Ben Ali", "Bou Zid", "Abou
     * Bakr", in both scripts.
     */
    private static final Set<String> JOINED_TO_NEXT = Set.of(
            "abd", "abdel", "abdal", "abdul", "abdoul", "ait", "aith", "ayt", "ou", "ben", "bel", "bou", "abou", "abu",
            "ibn", "ould", "عبد", "ايت", "بن", "ابن", "بو", "ابو");
    /** Latin spellings whose skeleton would lose a leading vowel the Arabic writes. */
    static final Map<String, String> LATIN_SPELLINGS = Map.of("driss", "idriss", "drissi", "idrissi",
                                                              "smail", "ismail");

    private NameKeys() {
    }

    /** One part of a name: its fold and its skeleton. */
    public record Part(String fold, String skeleton) {

        public boolean meets(Part other) {
            return fold.equals(other.fold) || !skeleton.isEmpty() && skeleton.equals(other.skeleton);
        }
    }

    /** The parts of the given names, in order, each once. */
    public static List<Part> parts(String... names) {
        List<Part> parts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            // alef maqsura (ى) ends a name on an "a" sound: the skeleton reads it so, the fold makes it ya (ي)
            List<String> words = NameFolding.tokens(name);
            List<String> sounded = NameFolding.tokens(name == null ? null : name.replace('\u0649', '\u0627'));
            if (sounded.size() != words.size()) {
                sounded = words;
            }
            List<String[]> joinedWords = joined(words);
            List<String[]> joinedSounds = joined(sounded);
            for (int i = 0; i < joinedWords.size(); i++) {
                String fold = joinedWords.get(i)[0];
                if (seen.add(fold)) {
                    parts.add(new Part(fold, skeleton(joinedSounds.get(i)[1])));
                }
            }
        }
        return parts;
    }

    /**
     * The keys a person's entries are listed under ({@link NameKeyEntries}), each once: each fold with its part's
     * skeleton, {@code f:<fold>#<skeleton>}, and each skeleton with the marks of her folds that have it,
     * {@code k:<skeleton>#<marks>} ({@link #foldMark}, in order). A skeleton's entry, one per person, tells a search
     * the very word from the same name spelt otherwise (a name's Arabic and Latin folds mostly share their skeleton),
     * and the skeleton beside a fold lets the search skip those of the fold's entries that the skeleton's already
     * listed: each person is read once. A fold's skeleton is not always the same (a final ى is read "a", a final ي
     * "y"; "El Hassan" drops the article that "Elhassan" keeps): those are read by fold.
     */
    public static List<String> entryKeys(String... names) {
        Set<String> keys = new LinkedHashSet<>();
        Map<String, Set<String>> marksOfSkeleton = new LinkedHashMap<>();
        for (Part part : parts(names)) {
            keys.add(FOLD + part.fold() + '#' + part.skeleton());
            if (!part.skeleton().isEmpty()) {
                marksOfSkeleton.computeIfAbsent(part.skeleton(), skeleton -> new TreeSet<>())
                               .add(foldMark(part.fold()));
            }
        }
        marksOfSkeleton.forEach((skeleton, marks) -> keys.add(SKELETON + skeleton + '#' + String.join("", marks)));
        return new ArrayList<>(keys);
    }

    /**
     * A fold's mark in its skeleton's entries: the first 48 bits of its MD5, as {@value #FOLD_MARK_LENGTH} hex digits.
     * Short, and in ASCII whatever the script (an entry's id in Arabic letters costs twice to read); two of the
     * agency's names would share one by a chance of about one in 10^14, and would then only rank as the same word.
     */
    static String foldMark(String fold) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(fold.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, FOLD_MARK_LENGTH / 2);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has MD5", e);
        }
    }

    /** Whether two names are the same name: each part of either meets a part of the other. */
    public static boolean sameName(String a, String b) {
        List<Part> left = parts(a);
        List<Part> right = parts(b);
        return !left.isEmpty() && !right.isEmpty() && allMeet(left, right) && allMeet(right, left);
    }

    private static boolean allMeet(List<Part> parts, List<Part> others) {
        return parts.stream().allMatch(part -> others.stream().anyMatch(part::meets));
    }

    /**
     * Joins compounds: Latin "abd el X", "abdel X", "el X", "ait X", "ben X"; Arabic "عبد X", "ابو X", "ايت X",
     * "بن X". Each joined part as its fold and what its skeleton is made from (the name without a Latin article
     * written apart).
     */
    static List<String[]> joined(List<String> words) {
        List<String[]> joined = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            String word = words.get(i);
            boolean last = i == words.size() - 1;
            if (!last && ABD_ALONE.contains(word) && isArticle(words.get(i + 1)) && i + 2 < words.size()) {
                String whole = word + words.get(i + 1) + words.get(i + 2);
                joined.add(new String[] {whole, whole});
                i += 3;
            } else if (!last && JOINED_TO_NEXT.contains(word)) {
                String whole = word + words.get(i + 1);
                joined.add(new String[] {whole, whole});
                i += 2;
            } else if (!last && ARTICLES.contains(word)) {
                // "El Hassan" is also written "Elhassan": the fold keeps the article, the skeleton drops it
                joined.add(new String[] {word + words.get(i + 1), words.get(i + 1)});
                i += 2;
            } else {
                joined.add(new String[] {word, word});
                i++;
            }
        }
        return joined;
    }

    private static boolean isArticle(String word) {
        return ARTICLES.contains(word) || word.equals("ال");
    }

    /** The consonant skeleton of one folded part, from either script. */
    static String skeleton(String part) {
        if (part.isEmpty()) {
            return "";
        }
        return isArabic(part.charAt(0)) ? arabicSkeleton(part) : latinSkeleton(part);
    }

    private static boolean isArabic(char c) {
        return c >= '\u0600' && c <= '\u06FF';
    }

    static String latinSkeleton(String part) {
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

    static String arabicSkeleton(String part) {
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
