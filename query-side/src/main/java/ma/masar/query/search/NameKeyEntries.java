package ma.masar.query.search;

import java.util.List;

import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import org.bson.Document;

/**
 * How the {@code beneficiaryNameEntries} collection is laid out: it finds people by name key without a scan, with one
 * small entry per key and person, {@code _id} "{@code <key>#<time>#<beneficiaryId>}", where the time is that of the
 * event that listed her under the key (milliseconds since 1970, thirteen digits). A name key's entries carry a {@link #card} of the person, so
 * that a search ranks the people it finds without reading them. The same collection lists a social worker's reach: the
 * people ever enrolled in a centre ({@code c:<centreId>}) and those a user registered ({@code u:<userId>}).
 * <p>
 * A search reads a key's entries as one anchored regex on {@code _id} ({@link #keyRange}, and {@code ^f:<word>} for
 * a word and the words it begins): MongoDB answers it from the {@code _id} index with index bounds, and so does the
 * embedded stand-in, which seeks to the prefix ({@code PrefixSeekingIndex}). An entry is written once and removed once.
 * The time keeps a batch's new entries of a key together at the end of the key's range, so that a batch of
 * registrations changes a few pages per key. It is the event's own time, as stored: the same for the live read model
 * and a rebuild. (Not its position in the stream: a tracking token gives a late-committed event the index of the
 * higher ones handled before it, so after a crash the live entries differed from a rebuild's, seen in
 * CrashRecoveryTest.) Until 2026-12-05 the keys were documents per key and bucket listing up to
 * a hundred people each, which every registration rewrote: at the full population those rewrites were most of the
 * read store's work and search could not follow the load (BENCHMARKS.md). The person's document
 * ({@link BeneficiaryDocuments}) stays the truth: a search checks every candidate against its {@code nameKeys}.
 */
final class NameKeyEntries {

    /** Where a person's document keeps the time her current name keys were listed at. */
    static final String LISTED_AT = "nameKeysAt";
    private static final String REGEX_METACHARACTERS = "\\^$.|?*+()[]{}";

    private NameKeyEntries() {
    }

    /** The {@code _id} of the entry that lists this beneficiary under {@code key} since the event of time {@code at}. */
    static String entryId(String key, long at, String beneficiaryId) {
        String digits = Long.toString(at);
        StringBuilder id = new StringBuilder(key.length() + 15 + beneficiaryId.length()).append(key).append('#');
        for (int pad = digits.length(); pad < 13; pad++) {
            id.append('0');
        }
        return id.append(digits).append('#').append(beneficiaryId).toString();
    }

    /** The beneficiary an entry of a key of {@code keyLength} characters lists. */
    static String beneficiaryOf(String entryId, int keyLength) {
        return entryId.substring(entryId.indexOf('#', keyLength + 1) + 1);
    }

    /** The key of an entry whose key has no {@code #} (folds and skeletons: letters and digits). */
    static String keyOf(String entryId) {
        return entryId.substring(0, entryId.indexOf('#'));
    }

    /** The anchored regex on {@code _id} that finds every entry of {@code key}, and only those. */
    static String keyRange(String key) {
        StringBuilder regex = new StringBuilder("^");
        for (char c : (key + "#").toCharArray()) {
            if (REGEX_METACHARACTERS.indexOf(c) >= 0) {
                regex.append('\\');
            }
            regex.append(c);
        }
        return regex.toString();
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
     * What the name keys' entries say about a person, so that a search ranks the people it finds, and tells near
     * names, without reading their documents: the sort name ({@code s}), birth year ({@code y}), sex ({@code x}),
     * region ({@code r}) and the compact names in Arabic ({@code a}) and Latin ({@code l}) script. All of it changes
     * only with the names (registration, correction, erasure), as the keys do.
     */
    static Document card(PersonalData personal, Sex sex, int birthYear, Region region) {
        if (personal == null || personal.erased()) {
            return new Document();
        }
        return new Document("s", BeneficiaryDocuments.sortName(personal))
                .append("y", birthYear)
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
        return new Document("s", person.getString("sortName"))
                .append("y", person.getInteger("birthYear"))
                .append("x", person.getString("sex"))
                .append("r", person.getString("region"))
                .append("a", names.get(0))
                .append("l", names.get(1));
    }
}
