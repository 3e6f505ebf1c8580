package ma.masar.embedded;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A unique index of the embedded read store that answers an anchored regex on its key ({@code {_id: /^c:centre#/}})
 * by seeking to the regex's literal prefix in the index's sorted map and reading on while keys begin with it, as
 * MongoDB does (it turns such a "prefix expression" into index bounds). The H2 backend's own index
 * ({@code H2UniqueIndex}, which this otherwise repeats: a map from key to position) walks every key of the index for
 * any regex: the search's look-ups by word prefix walked the whole {@code _id} index of the name keys, which grows with
 * the population (about 200,000 keys at the 2010 population). Over 100,000 {@code _id}s a prefix regex took 0.43 ms
 * sought and 10 ms walked (BENCHMARKS.md, "Scale 1 past its catch-up").
 * <p>
 * It answers a range of strings on its key bounded on both sides ({@code $gt} or {@code $gte}, and {@code $lt} or
 * {@code $lte}) the same way, from the lower bound to the upper: the backend's own index does not take a range, and
 * the collection was scanned. Any other regex, and every other query, is answered as before.
 * <p>
 * The keys are ordered by {@link BsonPages#INDEX_KEYS}: strings by {@link String#compareTo}, so all those that begin
 * with a prefix lie together, from the prefix itself on.
 */
class PrefixSeekingIndex extends AbstractUniqueIndex<Object> {

    private static final String REGEX_METACHARACTERS = "\\^$.|?*+()[]{}";

    private final MVMap<KeyValue, Object> map;

    PrefixSeekingIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return range(query) != null || super.canHandle(query);
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        Range range = range(query);
        if (range != null) {
            return positions(range);
        }
        Literal literal = keys().size() == 1 ? literal(query.get(keys().get(0))) : null;
        if (literal == null || literal.prefix().isEmpty()) {
            return super.getPositions(query);
        }
        String prefix = literal.prefix();
        BsonRegularExpression regex = BsonRegularExpression.convertToRegularExpression(query.get(keys().get(0)));
        List<Object> positions = new ArrayList<>();
        walkFrom(prefix, (text, position) -> {
            if (!text.startsWith(prefix)) {
                return false;
            }
            // a regex that is its prefix and nothing more ("^k:ftma#", a search's key) matches every key that begins so
            if (literal.whole() || regex.matcher(text).find()) {
                positions.add(position);
            }
            return true;
        });
        return positions;
    }

    /** The positions of the keys within a range of strings, sought to its lower bound and read on to its upper. */
    private List<Object> positions(Range range) {
        List<Object> positions = new ArrayList<>();
        walkFrom(range.from(), (text, position) -> {
            int toUpper = text.compareTo(range.to());
            if (toUpper > 0 || toUpper == 0 && !range.toIncluded()) {
                return false;
            }
            if (range.fromIncluded() || !text.equals(range.from())) {
                positions.add(position);
            }
            return true;
        });
        return positions;
    }

    /** What a walk of the index's keys does at each: false to stop there. */
    @FunctionalInterface
    interface KeyVisit {
        boolean visit(String key, Object position);
    }

    /**
     * Visits the index's string keys from {@code from} on, in their order, each with its position, until {@code visit}
     * returns false or a key is not one string.
     */
    void walkFrom(String from, KeyVisit visit) {
        Cursor<KeyValue, Object> cursor = map.cursor(new KeyValue(from));
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (key.size() != 1 || !(key.get(0) instanceof String text) || !visit.visit(text, cursor.getValue())) {
                return;
            }
        }
    }

    /**
     * A range of strings on the index's one key, bounded on both sides ({@code {_id: {$gte: "f:fatima#", $lt:
     * "f:fatima#ftma#"}}}), as MongoDB turns it into index bounds; else null.
     */
    static Range range(Document query, String key) {
        if (query.size() != 1 || !(query.get(key) instanceof Document bounds) || bounds.size() != 2) {
            return null;
        }
        String from = null;
        String to = null;
        boolean fromIncluded = false;
        boolean toIncluded = false;
        for (Map.Entry<String, Object> bound : bounds.entrySet()) {
            if (!(bound.getValue() instanceof String value)) {
                return null;
            }
            switch (bound.getKey()) {
                case "$gte", "$gt" -> {
                    from = value;
                    fromIncluded = bound.getKey().equals("$gte");
                }
                case "$lte", "$lt" -> {
                    to = value;
                    toIncluded = bound.getKey().equals("$lte");
                }
                default -> {
                    return null;
                }
            }
        }
        return from == null || to == null ? null : new Range(from, fromIncluded, to, toIncluded);
    }

    private Range range(Document query) {
        return keys().size() == 1 ? range(query, keys().get(0)) : null;
    }

    /** A range of strings, each bound included or not. */
    record Range(String from, boolean fromIncluded, String to, boolean toIncluded) {
    }

    /**
     * The text every match begins with, when the value is a regex anchored at the start ({@code ^}) whose options do
     * not change what that means (no {@code i}, {@code m} or {@code x}) and which has no alternative ({@code |});
     * else null. Escaped characters count as themselves; a character made optional by the quantifier after it is
     * left out.
     */
    static String literalPrefix(Object value) {
        Literal literal = literal(value);
        return literal == null ? null : literal.prefix();
    }

    /** The {@link #literalPrefix} of a regex, and whether it is the whole regex (nothing after it to match). */
    private record Literal(String prefix, boolean whole) {
    }

    private static Literal literal(Object value) {
        if (!BsonRegularExpression.isRegularExpression(value)) {
            return null;
        }
        BsonRegularExpression regex = BsonRegularExpression.convertToRegularExpression(value);
        String pattern = regex.getPattern();
        String options = regex.getOptions() == null ? "" : regex.getOptions();
        if (!pattern.startsWith("^") || options.contains("i") || options.contains("m") || options.contains("x")
            || alternates(pattern)) {
            return null;
        }
        StringBuilder prefix = new StringBuilder();
        int i = 1;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length() && !Character.isLetterOrDigit(pattern.charAt(i + 1))) {
                prefix.append(pattern.charAt(i + 1));
                i += 2;
            } else if (REGEX_METACHARACTERS.indexOf(c) < 0) {
                prefix.append(c);
                i++;
            } else {
                break;
            }
        }
        if (i < pattern.length() && "?*{".indexOf(pattern.charAt(i)) >= 0 && !prefix.isEmpty()) {
            prefix.setLength(prefix.length() - 1);
        }
        return new Literal(prefix.toString(), i == pattern.length());
    }

    private static boolean alternates(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '|') {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Object removeDocument(KeyValue key) {
        return map.remove(key);
    }

    @Override
    protected boolean putKeyPosition(KeyValue key, Object position) {
        return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue key) {
        return map.get(key);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
