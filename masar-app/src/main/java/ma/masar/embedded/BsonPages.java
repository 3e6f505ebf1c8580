package ma.masar.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How the embedded read store writes its documents and index keys into H2's pages: as BSON, with mongo-java-server's
 * own wire encoder and decoder, instead of the H2 backend's default, Java serialization. At the 2010 population a
 * profile of the read models' catch-up had 57% of the process's samples in the thread that commits the read store,
 * nearly all of it Java serialization and compression of changed pages, while every read and write of the read models
 * waited for that commit; and the unique indexes (every collection's {@code _id}) compared their keys by serializing
 * them at each step of a look-up (BENCHMARKS.md, "Scale 1 … the read store's pages").
 * <p>
 * {@link #DOCUMENTS} is the value type of a collection's map: each document's BSON bytes, decoded only when the
 * document is read ({@link #fromBson}). Kept decoded, every page read from the file decoded all its documents (a
 * look-up of one {@code _id} too), and every page changed since the last commit held all of them as maps in the heap
 * until then: at the 2010 population a commit period of 3 s instead of 1 filled a heap of 2 GB (BENCHMARKS.md,
 * twenty-third session). {@link #INDEX_KEYS} is the key type of a unique index's map.
 * Index keys are ordered by MongoDB's own comparison of their values ({@link ValueComparator}), and by their bytes
 * where that comparison calls different keys equal, so that the order agrees with {@link KeyValue#equals}.
 */
final class BsonPages {

    static final BasicDataType<byte[]> DOCUMENTS = new Bson();
    static final BasicDataType<KeyValue> INDEX_KEYS = new IndexKeys();
    private static final int LARGEST_KEPT_BUFFER = 1 << 20;
    private static final ThreadLocal<ByteBuf> PAGE_BUFFER = ThreadLocal.withInitial(() -> Unpooled.buffer(16 * 1024));

    private BsonPages() {
    }

    /**
     * The key type of a collection's map: its documents' {@code _id}s, written and read as the H2 backend's maps always
     * did ({@link ObjectDataType}, H2's default). Two strings (every {@code _id} of the read models) are compared with
     * {@link String#compareTo}, which is what H2's type does for them once it has found, at every step of a look-up,
     * which type each one is. No gain was measured: the 3.1% of a joint rebuild's samples that the profile put on H2's
     * comparison were the string comparison itself (BENCHMARKS.md, "Events a read model has no handler for"). A new
     * one for each map, as H2 makes one.
     */
    static ObjectDataType documentIds() {
        return new DocumentIds();
    }

    private static final class DocumentIds extends ObjectDataType {

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof String s && b instanceof String t) {
                return s.compareTo(t);
            }
            return super.compare(a, b);
        }
    }

    /** The BSON document at the buffer's position, as bytes; it starts with its length (little-endian, itself in). */
    private static byte[] bytesAt(ByteBuffer buff) {
        int at = buff.position();
        int length = (buff.get(at) & 0xff) | (buff.get(at + 1) & 0xff) << 8 | (buff.get(at + 2) & 0xff) << 16
                     | (buff.get(at + 3) & 0xff) << 24;
        byte[] bytes = new byte[length];
        buff.get(bytes);
        return bytes;
    }

    /**
     * A document as a collection's map keeps it ({@link #DOCUMENTS}), encoded when it is written. The encoder's buffer
     * is the thread's own, used again for every document: a new one each time was a tenth of the commit thread's
     * samples in a rebuild (Netty's allocator counts every buffer it makes in shared counters, and each grew from 256
     * bytes), BENCHMARKS.md, twenty-second session.
     */
    static byte[] toBson(Map<String, ?> document) {
        ByteBuf out = PAGE_BUFFER.get().clear();
        BsonEncoder.encodeDocument(document, out);
        byte[] bytes = Arrays.copyOfRange(out.array(), out.arrayOffset() + out.readerIndex(),
                                          out.arrayOffset() + out.writerIndex());
        if (out.capacity() > LARGEST_KEPT_BUFFER) {
            // one large document does not hold its memory for the thread's life
            PAGE_BUFFER.remove();
        }
        return bytes;
    }

    /** A new document each time: whoever changes it changes their copy only, as with a document read from MongoDB. */
    static Document fromBson(byte[] bytes) {
        return bytes == null ? null : BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    /** A rough size in memory, for H2's page cache and page splits (it samples, as memory estimation is allowed). */
    private static int estimate(Object value) {
        if (value instanceof String text) {
            return 40 + 2 * text.length();
        }
        if (value instanceof Map<?, ?> map) {
            int size = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += 32 + estimate(entry.getKey()) + estimate(entry.getValue());
            }
            return size;
        }
        if (value instanceof Collection<?> list) {
            int size = 40;
            for (Object element : list) {
                size += 8 + estimate(element);
            }
            return size;
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        return 24;
    }

    /**
     * A document as its BSON bytes, in the page and in memory alike: a page read from the file is sliced, not decoded,
     * and only the document asked for is decoded ({@link #fromBson}); a changed page is written by copying bytes, each
     * document having been encoded once, when it was written ({@link #toBson}).
     */
    private static final class Bson extends BasicDataType<byte[]> {

        @Override
        public int getMemory(byte[] document) {
            return 16 + document.length;
        }

        @Override
        public void write(WriteBuffer buff, byte[] document) {
            buff.put(document);
        }

        @Override
        public byte[] read(ByteBuffer buff) {
            return bytesAt(buff);
        }

        @Override
        public byte[][] createStorage(int size) {
            return new byte[size][];
        }
    }

    private static final class IndexKeys extends BasicDataType<KeyValue> {

        private static final String VALUES = "v";
        /**
         * Marks a key of one string (every {@code _id} of the read models), written as the string alone: decoding
         * it as a BSON document, a map holding a list, was 39% of a name search's time on pages not in the cache
         * (BENCHMARKS.md, eighth session). No BSON document starts so, as its first four bytes are its length, at
         * least 5; keys written as documents before stay readable.
         */
        private static final int ONE_STRING = -1;
        private static final ValueComparator ORDER = ValueComparator.asc();

        @Override
        public int getMemory(KeyValue key) {
            int size = 32;
            for (Object value : key) {
                size += 8 + estimate(value);
            }
            return size;
        }

        @Override
        public boolean isMemoryEstimationAllowed() {
            return true;
        }

        @Override
        public void write(WriteBuffer buff, KeyValue key) {
            if (key.size() == 1 && key.get(0) instanceof String text) {
                buff.putInt(ONE_STRING).putVarInt(text.length()).putStringData(text, text.length());
            } else {
                buff.put(toBson(asDocument(key)));
            }
        }

        @Override
        public KeyValue read(ByteBuffer buff) {
            if (buff.getInt(buff.position()) == ONE_STRING) {
                buff.position(buff.position() + Integer.BYTES);
                return new KeyValue(DataUtils.readString(buff));
            }
            List<?> values = (List<?>) fromBson(bytesAt(buff)).get(VALUES);
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }

        @Override
        public int compare(KeyValue a, KeyValue b) {
            if (a == b) {
                return 0;
            }
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                Object x = a.get(i);
                Object y = b.get(i);
                // two strings (every _id of the read models) are ordered as ValueComparator orders them, without
                // its walk through the BSON types: that walk was a fifth of the read store's time in a rebuild
                int order = x instanceof String s && y instanceof String t ? s.compareTo(t) : ORDER.compare(x, y);
                if (order != 0) {
                    return order;
                }
            }
            if (a.size() != b.size()) {
                return Integer.compare(a.size(), b.size());
            }
            return a.equals(b) ? 0 : Arrays.compare(toBson(asDocument(a)), toBson(asDocument(b)));
        }

        private static Document asDocument(KeyValue key) {
            return new Document(VALUES, key.stream().toList());
        }
    }
}
