package ma.masar.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BsonPagesTest {

    /** What an index key of the read store is after a write and a read of its page. */
    private static KeyValue writtenAndRead(KeyValue key) {
        WriteBuffer buff = new WriteBuffer();
        BsonPages.INDEX_KEYS.write(buff, key);
        BsonPages.INDEX_KEYS.write(buff, new KeyValue("next"));
        ByteBuffer page = buff.getBuffer().flip();
        KeyValue read = BsonPages.INDEX_KEYS.read(page);
        assertThat(BsonPages.INDEX_KEYS.read(page)).as("the key after it").isEqualTo(new KeyValue("next"));
        assertThat(page.hasRemaining()).isFalse();
        return read;
    }

    /**
     * Documents are encoded in a buffer the writing thread uses again: each comes back whole and alone, a small one
     * after a large one (more than the buffer kept between documents) too. The page holds each document's BSON as
     * MongoDB's wire encoding has it, one after the other, as the read store's pages held them before documents were
     * kept encoded in memory: files written before are read the same.
     */
    @Test
    void documentsOfAPageComeBackAsTheyWereWhateverTheirSizes() {
        List<Document> written = List.of(
                new Document("_id", "b-1").append("names", new Document("givenNameAr", "فاطمة")),
                new Document("_id", "b-2").append("note", "x".repeat(2 << 20)),
                new Document("_id", "b-3"),
                new Document("_id", "b-4").append("enrolments", List.of(new Document("status", "ACTIVE"))));
        WriteBuffer buff = new WriteBuffer();
        written.forEach(document -> BsonPages.DOCUMENTS.write(buff, BsonPages.toBson(document)));
        ByteBuffer page = buff.getBuffer().flip();

        ByteBuf wire = Unpooled.buffer();
        written.forEach(document -> BsonEncoder.encodeDocument(document, wire));
        assertThat(page.duplicate()).isEqualTo(ByteBuffer.wrap(ByteBufUtil.getBytes(wire)));
        for (Document document : written) {
            assertThat(BsonPages.fromBson(BsonPages.DOCUMENTS.read(page))).isEqualTo(document);
        }
        assertThat(page.hasRemaining()).isFalse();
    }

    @Test
    void keysOfOneStringComeBackAsTheyWere() {
        for (String id : List.of("k:aly#0001291161600000#alaoui fatima#b-1", "f:فاطمة#0001291161600000#x#b-2",
                                 "", "a\u0000b", "emoji \uD83D\uDE00 and a lone \uD800 surrogate")) {
            assertThat(writtenAndRead(new KeyValue(id))).isEqualTo(new KeyValue(id));
        }
    }

    @Test
    void keysOfOtherValuesComeBackAsTheyWere() {
        assertThat(writtenAndRead(new KeyValue(42))).isEqualTo(new KeyValue(42));
        assertThat(writtenAndRead(new KeyValue("timeline", 0))).isEqualTo(new KeyValue("timeline", 0));
    }

    /** A read store written before keys of one string were written alone: its keys are BSON documents. */
    @Test
    void keysWrittenAsDocumentsByAnEarlierVersionAreStillRead() {
        ByteBuf earlier = Unpooled.buffer();
        BsonEncoder.encodeDocument(new Document("v", List.of("k:aly#0001291161600000#alaoui fatima#b-1")), earlier);
        BsonEncoder.encodeDocument(new Document("v", List.of("timeline", 0)), earlier);
        ByteBuffer page = ByteBuffer.wrap(ByteBufUtil.getBytes(earlier));

        assertThat(BsonPages.INDEX_KEYS.read(page))
                .isEqualTo(new KeyValue("k:aly#0001291161600000#alaoui fatima#b-1"));
        assertThat(BsonPages.INDEX_KEYS.read(page)).isEqualTo(new KeyValue("timeline", 0));
    }

    @Test
    void stringKeysKeepTheirOrder() {
        assertThat(BsonPages.INDEX_KEYS.compare(new KeyValue("k:aly#1"), new KeyValue("k:aly#2"))).isNegative();
        assertThat(BsonPages.INDEX_KEYS.compare(writtenAndRead(new KeyValue("k:aly")), new KeyValue("k:aly#")))
                .isNegative();
    }

    /**
     * Files written before string keys were compared directly hold their keys in ValueComparator's order: a key
     * compared otherwise would be looked for in the wrong page.
     */
    @Test
    void keysAreInTheOrderTheReadStoreWasWrittenIn() {
        List<Object> values = List.of("k:aly#1", "k:aly#10", "k:aly#2", "K:ALY", "", "f:فاطمة#x", "f:فاطمه#x",
                                      "emoji \uD83D\uDE00", "\uFFFF", 42, 7L, 1.5, "timeline");
        ValueComparator order = ValueComparator.asc();
        for (Object a : values) {
            for (Object b : values) {
                assertThat(Integer.signum(BsonPages.INDEX_KEYS.compare(new KeyValue(a), new KeyValue(b))))
                        .as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(order.compare(a, b)));
                assertThat(Integer.signum(BsonPages.INDEX_KEYS.compare(new KeyValue("timeline", a),
                                                                       new KeyValue("timeline", b))))
                        .isEqualTo(Integer.signum(order.compare(a, b)));
            }
        }
    }

    /** A collection's documents are keyed by {@code _id} in H2's own order: a file written before is read as it is. */
    @Test
    void documentIdsAreInTheOrderOfTheBackendsMaps() {
        List<Object> values = List.of("k:aly#1", "k:aly#10", "k:aly#2", "K:ALY", "", "f:فاطمة#x", "f:فاطمه#x",
                                      "emoji \uD83D\uDE00", "\uFFFF", 42, 7L, 1.5, "timeline");
        ObjectDataType h2 = new ObjectDataType();
        ObjectDataType ids = BsonPages.documentIds();
        for (Object a : values) {
            for (Object b : values) {
                assertThat(Integer.signum(ids.compare(a, b))).as("%s against %s", a, b)
                        .isEqualTo(Integer.signum(h2.compare(a, b)));
            }
        }
    }
}
