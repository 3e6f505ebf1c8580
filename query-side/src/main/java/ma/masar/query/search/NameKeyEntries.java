package ma.masar.query.search;

import java.util.List;

import com.mongodb.client.model.Filters;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * How the {@code searchNameKeys} collection is laid out: it finds people by name key without a scan, with one
 * small entry per key and person, {@code _id} "{@code <key>#<beside>#<time>#<sortName>#<beneficiaryId>}", where
 * {@code beside} is a fold's skeleton, or the marks of a skeleton's folds ({@link NameKeys#entryKeys}), the time is
 * that of the event that listed her under the key (milliseconds since 1970, thirteen digits) and the sort name hers
 * then. A name search ranks the people it finds by the sort names in the ids it reads, without reading the entries'
 * documents (an {@code _id}-only read, covered by the {@code _id} index); they carry a {@link #card} of the person for
 * the searches that also weigh her birth year, sex, region or whole name. The same collection lists a social worker's
 * reach: the people ever enrolled in a centre ({@code c:<centreId>}) and those a user registered ({@code u:<userId>}),
 * {@code _id} "{@code <key>#<time>#<beneficiaryId>}".
 * <p>
 * A search reads a skeleton's entries as one anchored regex on {@code _id} ({@link #keyRange}), and a fold's that the
 * skeleton did not list as two ranges of {@code _id}s ({@link #foldRanges}): MongoDB answers both from the {@code _id}
 * index with index bounds, and so does the embedded stand-in, which seeks to the prefix or the lower bound
 * ({@code PrefixSeekingIndex}). An entry is written once and removed once.
 * The time keeps a batch's new entries of a key together at the end of the key's range, so that a batch of
 * registrations changes a few pages per key. It is the event's own time, as stored: the same for the live read model
 * and a rebuild. (Not its position in the stream: a tracking token gives a late-committed event the index of the
 * higher ones handled before it, so after a crash the live entries differed from a rebuild's, seen in
 * CrashRecoveryTest.) Until 2026-12-05 the keys were documents per key and bucket listing up to
 * a hundred people each, which every registration rewrote: at the full population those rewrites were most of the
 * read store's work and search could not follow the load (BENCHMARKS.md). Then, until 2026-12-05, the entries'
 * {@code _id}s had no sort name ({@code beneficiaryNameEntries}), and a family name's search read 14,000 whole
 * entries to put them in order; until 2026-12-06 nothing beside the key ({@code searchNameEntries}), and a search
 * read the people of a name's fold again after its skeleton's. The person's document
 * ({@link BeneficiaryDocuments}) stays the truth: a search checks every candidate against its {@code nameKeys}.
 */
final class NameKeyEntries {

    /** Where a person's document keeps the time her current name keys were listed at. */
    static final String LISTED_AT = "nameKeysAt";
    private static final String REGEX_METACHARACTERS = "\\^$.|?*+()[]{}";

    private NameKeyEntries() {
    }

    /**
     * The {@code _id} of the entry that lists this beneficiary under a centre's or a user's {@code key} since the
     * event of time {@code at}.
     */
    static String entryId(String key, long at, String beneficiaryId) {
        return listed(key, at).append(beneficiaryId).toString();
    }

    /**
     * The {@code _id} of the entry that lists this beneficiary, of this sort name, under a name key since the event of
     * time {@code at}: {@code entryKey} is the key with what is listed beside it ({@link NameKeys#entryKeys}).
     */
    static String entryId(String entryKey, long at, String sortName, String beneficiaryId) {
        return listed(entryKey, at).append(sortName == null ? "" : sortName).append('#').append(beneficiaryId)
                                   .toString();
    }

    private static StringBuilder listed(String key, long at) {
        String digits = Long.toString(at);
        StringBuilder id = new StringBuilder(key.length() + 60).append(key).append('#');
        for (int pad = digits.length(); pad < 13; pad++) {
            id.append('0');
        }
        return id.append(digits).append('#');
    }

    /** The beneficiary an entry lists (beneficiary ids have no {@code #}). */
    static String beneficiaryOf(String entryId) {
        return entryId.substring(entryId.lastIndexOf('#') + 1);
    }

    /** The sort name in the {@code _id} of a name key's entry. */
    static String sortNameOf(String entryId) {
        return entryId.substring(entryId.indexOf('#', entryId.indexOf('#') + 1) + 15, entryId.lastIndexOf('#'));
    }

    /** The look-up key of a name key's entry ({@code f:<fold>}, {@code k:<skeleton>}). */
    static String keyOf(String entryId) {
        return entryId.substring(0, entryId.indexOf('#'));
    }

    /** Whether a skeleton's entry marks this fold ({@link NameKeys#foldMark}) as one of the person's with it. */
    static boolean marksFold(String entryId, String foldMark) {
        int from = entryId.indexOf('#') + 1;
        int to = entryId.indexOf('#', from);
        for (int at = from; at + foldMark.length() <= to; at += foldMark.length()) {
            if (entryId.regionMatches(at, foldMark, 0, foldMark.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries a part's fold finds that its skeleton ({@link #keyRange} of {@code k:<skeleton>}) does not: the
     * fold's own listed with another skeleton, and the words it begins (as "fatima" begins "fatimazahra"). Two ranges
     * of {@code _id}s on either side of the fold's entries with the part's skeleton, which the skeleton's entries
     * list already: the fold's people are not read twice. A part without a skeleton: all the entries its fold begins.
     */
    static List<Bson> foldRanges(String fold, String skeleton) {
        String key = NameKeys.FOLD + fold;
        if (skeleton.isEmpty()) {
            // folds hold letters and digits only: the prefix needs no escaping
            return List.of(Filters.regex("_id", "^" + key));
        }
        String withSkeleton = key + '#' + skeleton + '#';
        return List.of(range(key + '#', withSkeleton),
                       // after "#<skeleton>#" and its entries: '$' is the next character after '#'
                       range(key + '#' + skeleton + '$', key + '\uffff'));
    }

    /** The {@code _id}s from {@code from} (included) to {@code to} (not): index bounds on MongoDB and the stand-in. */
    private static Bson range(String from, String to) {
        return new Document("_id", new Document("$gte", from).append("$lt", to));
    }

    /**
     * The anchored regex on {@code _id} that finds every entry of {@code key}, and only those: index bounds on
     * MongoDB, a seek on the stand-in.
     */
    static Bson keyRange(String key) {
        StringBuilder regex = new StringBuilder("^");
        for (char c : (key + "#").toCharArray()) {
            if (REGEX_METACHARACTERS.indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        return Filters.regex("_id", regex.toString());
    }

    /** The key listing the people enrolled (now or before) in a centre. */
    static String centreKey(String centreId) {
        return "c:" + centreId;
    }

    /**
     * The key listing the people a user registered, for good: whether no centre holds one yet is read from her
     * document at query time. It was once emptied as people were enrolled, a removal derived inside a document's
     * change: after a crash between the documents' write and the removals' write, the replay found the documents
     * already changed and never removed the key, so the live read model differed from its rebuild (seen in
     * CrashRecoveryTest once the read store kept its data across a kill).
     * <p>
     * Not for the people a bulk load registers (the demo population, a register's import: events marked
     * {@code bulkLoad}): the loading account is not a social worker's and has no reach to keep, and its key would list
     * a whole population.
     */
    static String registeredByKey(String userId) {
        return "u:" + userId;
    }

    /**
     * What the name keys' entries say about a person besides the sort name in their {@code _id}, so that a search
     * ranks the people it finds, and tells near names, without reading their documents: birth year ({@code y}), sex
     * ({@code x}), region ({@code r}) and the compact names in Arabic ({@code a}) and Latin ({@code l}) script. All of
     * it changes only with the names (registration, correction, erasure), as the keys do.
     */
    static Document card(PersonalData personal, Sex sex, int birthYear, Region region) {
        if (personal == null || personal.erased()) {
            return new Document();
        }
        return new Document("y", birthYear)
                .append("x", sex == null ? null : sex.name())
                .append("r", region == null ? null : region.name())
                .append("a", NameFolding.compact(NameFolding.tokens(personal.givenNameAr(), personal.familyNameAr())))
                .append("l", NameFolding.compact(NameFolding.tokens(personal.givenNameLatin(),
                                                                    personal.familyNameLatin())));
    }

    /** The {@link #card} of a person's document. */
    static Document cardOf(Document person) {
        if (person.getBoolean("erased", false)) {
            return new Document();
        }
        List<String> names = BeneficiaryDocuments.compactNames(person);
        return new Document("y", person.getInteger("birthYear"))
                .append("x", person.getString("sex"))
                .append("r", person.getString("region"))
                .append("a", names.get(0))
                .append("l", names.get(1));
    }
}
