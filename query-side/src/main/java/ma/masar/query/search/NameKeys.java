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
 *   either script ({@link NameSkeleton}: which letters fall together, which vowels stay).</li>
 * </ul>
 * Compounds become one part: "Abd el Kader", "Abdel Kader", "عبد القادر" and "Abdelkader"; "Ait Baha", "Aït-Baha",
 * "أيت بها" and "Aitbaha"; "El Hassan" and "Elhassan". A handful of Latin spellings that drop a leading vowel the
 * Arabic writes are mapped to it ("Driss" is "Idriss").
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
                    parts.add(new Part(fold, NameSkeleton.of(joinedSounds.get(i)[1])));
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
}
