package ma.masar.query.search;

import java.util.ArrayList;
import java.util.List;

import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import org.bson.Document;

/**
 * How the {@code beneficiaryNameKeys} collection is laid out: it finds people by name key without a scan, one
 * document per key and bucket, {@code _id} "{@code <key>#<bucket>}", listing the people with that key in its
 * {@code ids}: each beneficiary id a field name, with a {@link #card} of the person as its value. The same collection
 * lists a social worker's reach: the people ever enrolled in a centre ({@code c:<centreId>}) and those a user
 * registered ({@code u:<userId>}), so that her searches need not read the people they find either.
 * <p>
 * A search reads the documents of its keys by {@code _id} (an {@code $in} for skeletons, an anchored
 * {@code ^f:<word>} regex for folds and their prefixes): MongoDB answers both from the {@code _id} index, and so does
 * the embedded stand-in, which uses no other index. The buckets (a hash of the beneficiary id) keep each document
 * small however common the name. The person's document ({@link BeneficiaryDocuments}) stays the truth: a search
 * checks every candidate against its {@code nameKeys}.
 */
final class NameKeyDocuments {

    /**
     * Documents per name key: a common name's ids spread over this many. The stand-in copies and measures a whole
     * document to change one field of it, so a registration's key writes cost what the documents weigh: 32 buckets
     * wrote 50,000 people's keys in 56 s, 128 in 23 s
     * (BENCHMARKS.md), at the price of more documents per look-up.
     */
    static final int BUCKETS = 128;

    private NameKeyDocuments() {
    }

    /** The {@code _id} of the document that lists the people with {@code key} in the bucket of this beneficiary. */
    static String keyDocumentId(String key, String beneficiaryId) {
        return key + "#" + bucket(Math.floorMod(beneficiaryId.hashCode(), BUCKETS));
    }

    /** The {@code _id}s of all the documents of {@code key}. */
    static List<String> keyDocumentIds(String key) {
        List<String> ids = new ArrayList<>(BUCKETS);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            ids.add(key + "#" + bucket(bucket));
        }
        return ids;
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
     * a whole population, whose documents every later batch of registrations rewrites (at the 2010 population the read
     * store's commits then took most of the CPU, BENCHMARKS.md).
     */
    static String registeredByKey(String userId) {
        return "u:" + userId;
    }

    /** The key a key document lists people for. */
    static String keyOf(String keyDocumentId) {
        return keyDocumentId.substring(0, keyDocumentId.lastIndexOf('#'));
    }

    /** A beneficiary id as a field name: MongoDB reads a dot as a path and a leading dollar as an operator. */
    static String idField(String beneficiaryId) {
        return beneficiaryId.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String idOfField(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    private static String bucket(int bucket) {
        return bucket < 10 ? "00" + bucket : bucket < 100 ? "0" + bucket : String.valueOf(bucket);
    }

    /**
     * What the name keys list about a person, so that a search ranks the people it finds, and tells near names,
     * without reading their documents: the sort name ({@code s}), birth year ({@code y}), sex ({@code x}), region
     * ({@code r}) and the compact names in Arabic ({@code a}) and Latin ({@code l}) script. All of it changes only
     * with the names (registration, correction, erasure), as the keys do.
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
