package ma.masar.embedded;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded read store on disk keeps what was committed: across a stop all of it, across a crash its last commit. */
class PersistentReadStoreTest {

    private static final Duration NEVER_BY_ITSELF = Duration.ofHours(1);

    @Test
    void documentsAndTokensSurviveAStop() throws Exception {
        Path file = newReadStoreFile();
        MongoServer server = new MongoServer(PersistentReadStore.open(file, NEVER_BY_ITSELF, 16));
        try (MongoClient client = client(server)) {
            collection(client, "timelines").insertOne(new Document("_id", "b-1").append("entries", 3));
            collection(client, "trackingtokens").insertOne(new Document("_id", "timeline-0").append("position", 41));
        }
        server.shutdownNow();

        withReadStore(file, client -> {
            assertThat(collection(client, "timelines").find(Filters.eq("_id", "b-1")).first())
                    .containsEntry("entries", 3);
            assertThat(collection(client, "trackingtokens").find(Filters.eq("_id", "timeline-0")).first())
                    .containsEntry("position", 41);
        });
    }

    @Test
    void aStartDoesNotReadTheDocumentsOfACollectionThatHasIndexesTheStandInDoesNotKeep() throws Exception {
        Path file = newReadStoreFile();
        MongoServer server = new MongoServer(PersistentReadStore.open(file, NEVER_BY_ITSELF, 16));
        try (MongoClient client = client(server)) {
            MongoCollection<Document> people = collection(client, "beneficiaries");
            // as the search's read model declares them: MongoDB keeps these, the stand-in does not
            people.createIndex(new Document("region", 1).append("sortName", 1));
            people.createIndex(new Document("enrolments.centreId", 1).append("enrolments.status", 1));
            List<Document> batch = new ArrayList<>();
            Random notes = new Random(16);
            byte[] note = new byte[200];
            for (int i = 0; i < 30_000; i++) {
                // notes as varied as real ones: H2 compresses its pages, and one letter repeated is nearly nothing
                notes.nextBytes(note);
                batch.add(new Document("_id", "b-" + i).append("region", "SOUSS_MASSA").append("sortName", "ait baha " + i)
                        .append("note", HexFormat.of().formatHex(note)));
                if (batch.size() == 1_000) {
                    people.insertMany(batch);
                    batch.clear();
                }
            }
        }
        server.shutdownNow();
        long written = Files.size(file);

        PersistentReadStore store = PersistentReadStore.open(file, NEVER_BY_ITSELF, 16);
        long readAtOpen = store.bytesRead();
        MongoServer again = new MongoServer(store);
        try (MongoClient client = client(again)) {
            assertThat(collection(client, "beneficiaries").countDocuments()).isEqualTo(30_000);
            assertThat(collection(client, "beneficiaries").find(Filters.eq("_id", "b-29999")).first())
                    .containsEntry("sortName", "ait baha 29999");
        } finally {
            again.shutdownNow();
        }
        assertThat(written).as("the documents' size on disk").isGreaterThan(1_000_000);
        assertThat(readAtOpen).as("bytes read to open a file of %d bytes", written).isLessThan(written / 10);
    }

    @Test
    void aCrashTakesTheFileBackToItsLastCommitDocumentsAndTokensTogether() throws Exception {
        Path file = newReadStoreFile();
        PersistentReadStore store = PersistentReadStore.open(file, NEVER_BY_ITSELF, 16);
        MongoServer server = new MongoServer(store);
        try (MongoClient client = client(server)) {
            collection(client, "timelines").insertOne(new Document("_id", "b-1"));
            collection(client, "trackingtokens").insertOne(new Document("_id", "timeline-0").append("position", 1));
            store.commit();
            collection(client, "timelines").insertOne(new Document("_id", "b-2"));
            collection(client, "trackingtokens").updateOne(Filters.eq("_id", "timeline-0"),
                                                           new Document("$set", new Document("position", 2)));
            // a crash: the file is left as it is on disk, nothing more is written
            store.getMvStore().closeImmediately();
        }
        server.shutdownNow();

        withReadStore(file, client -> {
            assertThat(collection(client, "timelines").countDocuments()).as("documents of the last commit").isEqualTo(1);
            assertThat(collection(client, "trackingtokens").find().first())
                    .as("the token of the last commit, with its documents")
                    .containsEntry("position", 1);
        });
    }

    /**
     * The file never gets ahead of the event store's (EventStoreWrittenFirst): a commit runs after the event store
     * wrote what it holds, and when that fails nothing is committed, so a crash then keeps the earlier commit.
     */
    @Test
    void aCommitWaitsForTheEventStoreAndIsNotMadeWhenTheEventStoreCannotWrite() throws Exception {
        Path file = newReadStoreFile();
        PersistentReadStore store = PersistentReadStore.open(file, NEVER_BY_ITSELF, 16);
        List<Long> versionsSeenByTheEventStore = new ArrayList<>();
        boolean[] eventStoreFails = {false};
        store.writeAfter(() -> {
            if (eventStoreFails[0]) {
                throw new IllegalStateException("the event store stopped after a failure");
            }
            versionsSeenByTheEventStore.add(store.getMvStore().getCurrentVersion());
        });
        MongoServer server = new MongoServer(store);
        try (MongoClient client = client(server)) {
            long before = store.getMvStore().getCurrentVersion();
            collection(client, "counters").insertOne(new Document("_id", "c-1").append("enrolled", 176));
            store.commit();
            assertThat(versionsSeenByTheEventStore).as("the event store wrote before the commit, twice: before and "
                                                       + "under the lock").containsExactly(before, before);
            store.commit();
            assertThat(versionsSeenByTheEventStore).as("nothing to commit: the event store is left alone").hasSize(2);

            eventStoreFails[0] = true;
            collection(client, "counters").updateOne(Filters.eq("_id", "c-1"),
                                                     new Document("$inc", new Document("enrolled", 1)));
            assertThatThrownBy(store::commit).hasMessageContaining("event store");
            store.getMvStore().closeImmediately();
        }
        server.shutdownNow();

        withReadStore(file, client -> assertThat(collection(client, "counters").find().first())
                .as("the count of the events the event store had written").containsEntry("enrolled", 176));
    }

    /**
     * A commit holds back the commands that write (a commit falls between two of them) but not those that only read:
     * queries are answered while a commit is being written, which held its lock for hundreds of milliseconds while
     * the population loaded.
     */
    @Test
    void aQueryIsAnsweredWhileACommitIsWrittenAndAWriteWaitsForIt() throws Exception {
        Path file = newReadStoreFile();
        PersistentReadStore store = PersistentReadStore.open(file, NEVER_BY_ITSELF, 16);
        CountDownLatch commitUnderWay = new CountDownLatch(1);
        CountDownLatch commitMayEnd = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        store.writeAfter(() -> {
            if (runs.incrementAndGet() == 2) { // the second run is the one under the commit's lock
                commitUnderWay.countDown();
                await(commitMayEnd);
            }
        });
        MongoServer server = new MongoServer(store);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try (MongoClient client = client(server)) {
            MongoCollection<Document> counters = collection(client, "counters");
            counters.insertOne(new Document("_id", "c-1").append("enrolled", 176));
            var commit = threads.submit(store::commit);
            assertThat(commitUnderWay.await(10, TimeUnit.SECONDS)).isTrue();

            var query = threads.submit(() -> counters.find(Filters.eq("_id", "c-1")).first());
            var count = threads.submit(() -> counters.countDocuments());
            var write = threads.submit(() -> counters.updateOne(Filters.eq("_id", "c-1"),
                                                                 new Document("$inc", new Document("enrolled", 1))));
            assertThat(query.get(5, TimeUnit.SECONDS)).as("a find during the commit")
                    .containsEntry("enrolled", 176);
            assertThat(count.get(5, TimeUnit.SECONDS)).as("a count (an aggregation) during it")
                    .isEqualTo(1);
            Thread.sleep(300);
            assertThat(write.isDone()).as("a write during the commit").isFalse();

            commitMayEnd.countDown();
            commit.get(10, TimeUnit.SECONDS);
            write.get(10, TimeUnit.SECONDS);
            assertThat(counters.find().first()).containsEntry("enrolled", 177);
        } finally {
            commitMayEnd.countDown();
            threads.shutdownNow();
            server.shutdownNow();
        }
    }

    @Test
    void onlyCommandsThatCannotWriteAreTakenForReads() {
        var find = command("find", "timelines");
        var count = command("aggregate", "people").append("pipeline", List.of(command("$match", command("x", 1))));
        var out = command("aggregate", "people").append("pipeline", List.of(command("$out", "copy")));
        assertThat(PersistentReadStore.readsOnly(find)).isTrue();
        assertThat(PersistentReadStore.readsOnly(count)).isTrue();
        assertThat(PersistentReadStore.readsOnly(out)).as("an aggregation that writes its result").isFalse();
        for (String write : List.of("insert", "update", "delete", "findAndModify", "createIndexes", "drop", "create")) {
            assertThat(PersistentReadStore.readsOnly(command(write, "timelines")))
                    .as(write).isFalse();
        }
    }

    /** A command as the server receives it (its own Document type, not the driver's). */
    private static de.bwaldvogel.mongo.bson.Document command(String name, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(name, value);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * H2 commits by itself once a few megabytes are unsaved, in the middle of whatever command writes them, unless it
     * is told not to: a crash then finds a document without its index entry, or a token without its writes (seen in
     * CI as a search projection stuck on "Document with key ... already existed" after a kill during the demo load).
     */
    @Test
    void megabytesWrittenBetweenTwoCommitsAreNotCommittedOnTheirOwn() throws Exception {
        Path file = newReadStoreFile();
        PersistentReadStore store = PersistentReadStore.open(file, NEVER_BY_ITSELF, 16);
        MongoServer server = new MongoServer(store);
        try (MongoClient client = client(server)) {
            collection(client, "timelines").insertOne(new Document("_id", "committed"));
            store.commit();
            long committed = store.getMvStore().getCurrentVersion();
            java.util.Random random = new java.util.Random(7);
            int threshold = store.getMvStore().getAutoCommitMemory() > 0 ? store.getMvStore().getAutoCommitMemory()
                    : 32 * 1024 * 1024; // H2's own threshold, where it has one
            for (int written = 0; written < 3 * threshold; written += 64 * 1024) {
                byte[] page = new byte[64 * 1024]; // random, so that compression does not shrink it below the threshold
                random.nextBytes(page);
                collection(client, "timelines").insertOne(new Document("_id", "b-" + written).append("page", page));
            }
            assertThat(store.getMvStore().getCurrentVersion()).as("versions committed since the last commit")
                    .isEqualTo(committed);
            store.getMvStore().closeImmediately();
        }
        server.shutdownNow();

        withReadStore(file, client -> {
            assertThat(collection(client, "timelines").countDocuments()).as("documents after the crash").isEqualTo(1);
        });
    }

    /**
     * A file left mostly dead (a rebuild, an erasure of many people) is compacted by the commits, a pass each, while
     * the read models go on writing; the passes move pages that a commit then stores with everything else, so a crash
     * after them still finds every document of the last commit.
     */
    @Test
    void aMostlyDeadFileIsCompactedByTheCommitsWhileWritesGoOnAndACrashKeepsTheLastCommit() throws Exception {
        Path file = newReadStoreFile();
        PersistentReadStore store = PersistentReadStore.open(file, NEVER_BY_ITSELF, 16);
        // H2 rewrites only chunks older than this (45 s unless told): here the test's chunks are seconds old
        store.getMvStore().setRetentionTime(0);
        MongoServer server = new MongoServer(store);
        List<String> kept = new ArrayList<>();
        AtomicInteger written = new AtomicInteger();
        int fillRateBefore;
        long sizeBefore;
        int passes = 0;
        try (MongoClient client = client(server)) {
            MongoCollection<Document> timelines = collection(client, "timelines");
            java.util.Random random = new java.util.Random(11);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                byte[] entry = new byte[300]; // random, so that compression keeps its size
                random.nextBytes(entry);
                // each commit writes to ten ranges of ids, one of which stays: every chunk keeps a tenth live
                batch.add(new Document("_id", String.format("b-%d-%05d", i % 10, i)).append("kept", i % 10 == 0)
                                  .append("entry", entry));
                if (batch.size() == 1_000) {
                    timelines.insertMany(batch);
                    batch.clear();
                    store.commit();
                }
            }
            timelines.deleteMany(Filters.eq("kept", false));
            store.commit();
            timelines.find().projection(Projections.include("_id"))
                     .forEach(document -> kept.add(document.getString("_id")));
            fillRateBefore = store.getMvStore().getFileStore().getChunksFillRate();
            sizeBefore = store.fileBytes();

            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writer = Executors.newSingleThreadExecutor();
            var writing = writer.submit(() -> {
                while (!stop.get()) {
                    timelines.insertOne(new Document("_id", String.format("w-%06d", written.get())));
                    written.incrementAndGet();
                    Thread.sleep(2);
                }
                return null;
            });
            // a commit a second in the application; here one every 20 ms, the writes going on between them
            while (store.fileBytes() > sizeBefore / 2 && passes < 500) {
                Thread.sleep(20);
                store.commit();
                passes++;
            }
            stop.set(true);
            writing.get(10, TimeUnit.SECONDS);
            writer.shutdown();
            store.commit();
            assertThat(store.fileBytes())
                    .as("the file after %d commits, %d bytes before (%d%% of it live)", passes, sizeBefore,
                        fillRateBefore)
                    .isLessThanOrEqualTo(sizeBefore / 2);
            // a crash: the file as the last commit left it
            store.getMvStore().closeImmediately();
        }
        server.shutdownNow();

        assertThat(fillRateBefore).as("share of live data after nine in ten documents went").isLessThan(60);
        assertThat(written.get()).as("documents written while the passes ran").isPositive();
        withReadStore(file, client -> {
            MongoCollection<Document> timelines = collection(client, "timelines");
            List<String> found = new ArrayList<>();
            timelines.find(Filters.regex("_id", "^b-")).projection(Projections.include("_id"))
                     .forEach(document -> found.add(document.getString("_id")));
            assertThat(found).as("documents kept through the compaction").containsExactlyElementsOf(kept);
            assertThat(timelines.countDocuments(Filters.regex("_id", "^w-")))
                    .as("documents written while it ran, all committed before the crash")
                    .isEqualTo(written.get());
        });
    }

    /** Documents and index keys are stored as BSON (BsonPages): every type the read models write comes back as it was. */
    @Test
    void everyKindOfValueAndTheUniqueIndexesComeBackAfterAStop() throws Exception {
        Path file = newReadStoreFile();
        Date recordedAt = new Date(1_291_161_600_000L);
        ObjectId objectId = new ObjectId();
        Document written = new Document("_id", "b-1")
                .append("names", new Document("givenNameAr", "فاطمة").append("givenNameLatin", "Fatima"))
                .append("enrolments", List.of(new Document("enrolmentId", "e-1").append("status", "ACTIVE"),
                                              new Document("enrolmentId", "e-2").append("endedOn", null)))
                .append("lastIndex", 1_176_926L).append("share", 0.25).append("erased", false)
                .append("recordedAt", recordedAt).append("ref", objectId).append("key", new byte[] {1, 2, 3});
        MongoServer server = new MongoServer(PersistentReadStore.open(file, NEVER_BY_ITSELF, 16));
        try (MongoClient client = client(server)) {
            MongoCollection<Document> people = collection(client, "people");
            people.createIndex(new Document("nationalIdKey", 1), new IndexOptions().unique(true).sparse(true));
            people.insertOne(written);
            people.insertOne(new Document("_id", "b-2").append("nationalIdKey", "AB123"));
        }
        server.shutdownNow();

        withReadStore(file, client -> {
            MongoCollection<Document> people = collection(client, "people");
            Document read = people.find(Filters.eq("_id", "b-1")).first();
            assertThat(read).isNotNull();
            assertThat(read.get("names", Document.class)).containsEntry("givenNameAr", "فاطمة");
            assertThat(read.getList("enrolments", Document.class)).extracting(d -> d.getString("enrolmentId"))
                    .containsExactly("e-1", "e-2");
            assertThat(read).containsEntry("lastIndex", 1_176_926L).containsEntry("share", 0.25)
                    .containsEntry("erased", false).containsEntry("recordedAt", recordedAt)
                    .containsEntry("ref", objectId);
            assertThat(read.get("key", org.bson.types.Binary.class).getData()).containsExactly(1, 2, 3);
            assertThat(people.find(Filters.in("_id", List.of("b-2", "b-1", "b-9"))).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id")).containsExactlyInAnyOrder("b-1", "b-2");
            assertThat(people.find(Filters.eq("nationalIdKey", "AB123")).first()).containsEntry("_id", "b-2");
            assertThatThrownBy(() -> people.insertOne(new Document("_id", "b-3").append("nationalIdKey", "AB123")))
                    .as("the unique index, read back from the file").isInstanceOf(MongoWriteException.class);
            assertThatThrownBy(() -> people.insertOne(new Document("_id", "b-1")))
                    .as("the _id index, read back from the file").isInstanceOf(MongoWriteException.class);
        });
    }

    /**
     * {@code dbStats} and {@code collStats} tell the BSON bytes the read store holds (the soak test reads them), through
     * inserts, updates that grow and shrink a document, upserts and deletes, and after a stop.
     */
    @Test
    void theStatsTellTheBytesOfTheDocumentsHeldThroughEveryKindOfWrite() throws Exception {
        Path file = newReadStoreFile();
        withReadStore(file, client -> {
            MongoCollection<Document> people = collection(client, "people");
            people.insertMany(List.of(new Document("_id", "b-1").append("name", "Fatima"),
                                      new Document("_id", "b-2").append("name", "فاطمة الزهراء").append("year", 1994),
                                      new Document("_id", "b-3").append("notes", List.of("a", "b"))));
            people.updateOne(Filters.eq("_id", "b-1"), Updates.set("centres", List.of("c-1", "c-2", "c-3")));
            people.updateOne(Filters.eq("_id", "b-2"), Updates.unset("year"));
            people.updateOne(Filters.eq("_id", "b-4"), Updates.set("name", "Aicha"), new UpdateOptions().upsert(true));
            people.replaceOne(Filters.eq("_id", "b-3"), new Document("notes", List.of("c")));
            people.deleteOne(Filters.eq("_id", "b-1"));

            assertThat(statedSize(client, "people")).isEqualTo(bsonBytes(people)).isPositive();
        });

        withReadStore(file, client -> assertThat(statedSize(client, "people"))
                .isEqualTo(bsonBytes(collection(client, "people"))));
    }

    private static long statedSize(MongoClient client, String collection) {
        Document stats = client.getDatabase("masar").runCommand(new Document("collStats", collection));
        return ((Number) stats.get("size")).longValue();
    }

    private static long bsonBytes(MongoCollection<Document> collection) {
        long bytes = 0;
        for (Document document : collection.find()) {
            bytes += new org.bson.RawBsonDocument(document, new org.bson.codecs.DocumentCodec()).getByteBuffer()
                    .remaining();
        }
        return bytes;
    }

    /** A file whose pages an earlier version wrote with Java serialization cannot be read as BSON: it is rebuilt. */
    @Test
    void aFileOfAnEarlierVersionIsRemovedAndItsReadModelsRebuiltFromTheEvents() throws Exception {
        Path file = newReadStoreFile();
        H2Backend earlier = new H2Backend(file.toString());
        MongoServer old = new MongoServer(earlier);
        try (MongoClient client = client(old)) {
            collection(client, "trackingtokens").insertOne(new Document("_id", "timeline-0").append("position", 41));
        }
        old.shutdownNow();

        withReadStore(file, client -> {
            assertThat(collection(client, "trackingtokens").countDocuments())
                    .as("tokens of the earlier file: gone, so every read model starts from the first event").isZero();
            collection(client, "trackingtokens").insertOne(new Document("_id", "timeline-0").append("position", 1));
        });
        withReadStore(file, client -> {
            assertThat(collection(client, "trackingtokens").find().first()).as("the new file is kept at the next start")
                    .containsEntry("position", 1);
        });
    }

    /**
     * A file of the format before the {@code _id} index was read from the collection's own map ({@code bson-1}) holds
     * its string ids in an index map that is no longer kept: it is removed, and its read models rebuilt.
     */
    @Test
    void aFileOfTheFormatBeforeIsRemovedToo() throws Exception {
        Path file = newReadStoreFile();
        withReadStore(file, client -> collection(client, "trackingtokens")
                .insertOne(new Document("_id", "timeline-0").append("position", 41)));
        MVStore earlier = new MVStore.Builder().fileName(file.toString()).open();
        earlier.<String, String>openMap(PersistentReadStore.FORMAT_MAP).put("pages", "bson-1");
        earlier.close();

        List<String> notices = new ArrayList<>();
        MongoServer server = new MongoServer(PersistentReadStore.open(file, NEVER_BY_ITSELF, 16, notices::add));
        try (MongoClient client = client(server)) {
            assertThat(collection(client, "trackingtokens").countDocuments())
                    .as("tokens of the earlier file: gone, so every read model starts from the first event").isZero();
        } finally {
            server.shutdownNow();
        }
        assertThat(notices).singleElement().asString().contains(file.toString())
                .contains("written by an earlier version (pages of format bson-1)");
    }

    /**
     * A string {@code _id} is indexed by the collection's own map ({@link IdIndex}), any other in the index's map:
     * each is unique as in MongoDB (a number whatever its type), found by value, by a list and by a prefix, free again
     * once its document is removed, and all of it after a stop. A write refused by another unique index stores
     * nothing.
     */
    @Test
    void idsOfEveryTypeAreUniqueAndFoundAsInMongoDb() throws Exception {
        Path file = newReadStoreFile();
        ObjectId objectId = new ObjectId();
        withReadStore(file, client -> {
            MongoCollection<Document> mixed = collection(client, "mixed");
            mixed.createIndex(new Document("nationalIdKey", 1), new IndexOptions().unique(true).sparse(true));
            mixed.insertMany(List.of(new Document("_id", "b-1").append("nationalIdKey", "AB1"),
                                     new Document("_id", "b-2"), new Document("_id", "c-1"),
                                     new Document("_id", objectId), new Document("_id", 7),
                                     new Document("_id", new Document("centre", "cef-1").append("year", 2010))));
            mixed.insertOne(new Document("name", "no id: the driver gives it an ObjectId"));
            mixed.updateOne(Filters.eq("_id", "b-3"), Updates.set("status", "ACTIVE"),
                            new com.mongodb.client.model.UpdateOptions().upsert(true));
            mixed.updateOne(Filters.eq("_id", "b-3"), Updates.set("status", "ENDED"),
                            new com.mongodb.client.model.UpdateOptions().upsert(true));
            mixed.deleteOne(Filters.eq("_id", "c-1"));
            mixed.insertOne(new Document("_id", "c-1").append("again", true));
            assertThatThrownBy(() -> mixed.insertOne(new Document("_id", "b-4").append("nationalIdKey", "AB1")))
                    .as("refused by the other unique index").isInstanceOf(MongoWriteException.class);
        });
        withReadStore(file, client -> {
            MongoCollection<Document> mixed = collection(client, "mixed");
            assertThat(mixed.countDocuments()).isEqualTo(8);
            assertThat(mixed.find(Filters.eq("_id", "b-4")).first()).as("nothing stored by the refused write").isNull();
            assertThat(mixed.find(Filters.eq("_id", "b-3")).first()).containsEntry("status", "ENDED");
            assertThat(mixed.find(Filters.eq("_id", "c-1")).first()).containsEntry("again", true);
            assertThat(mixed.find(Filters.eq("_id", 7.0)).first()).as("a number found whatever its type").isNotNull();
            assertThat(mixed.find(Filters.eq("_id", objectId)).first()).isNotNull();
            assertThat(mixed.find(Filters.in("_id", List.of("b-2", "x-9", 7L, objectId))).into(new ArrayList<>()))
                    .hasSize(3);
            assertThat(mixed.find(Filters.regex("_id", "^b-")).projection(Projections.include("_id"))
                            .map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .containsExactlyInAnyOrder("b-1", "b-2", "b-3");
            assertThat(mixed.find(Filters.regex("_id", "-1$")).projection(Projections.include("_id"))
                            .map(d -> d.getString("_id")).into(new ArrayList<>()))
                    .as("a regex walked, not sought").containsExactlyInAnyOrder("b-1", "c-1");
            for (Object taken : List.of("b-1", "c-1", objectId, 7L, 7.0,
                                        new Document("centre", "cef-1").append("year", 2010))) {
                assertThatThrownBy(() -> mixed.insertOne(new Document("_id", taken)))
                        .as("the _id %s is taken", taken).isInstanceOf(MongoWriteException.class);
            }
            mixed.deleteMany(Filters.regex("_id", "^b-"));
            mixed.insertOne(new Document("_id", "b-1"));
            assertThat(mixed.countDocuments()).isEqualTo(6);
        });
    }

    /**
     * The search looks people up by the beginning of their name keys' {@code _id}s ({@code ^f:fati}); the store answers
     * from the index's sorted keys ({@link PrefixSeekingIndex}) and must find exactly what MongoDB finds, after a stop
     * too, for regexes it seeks and for those it still walks.
     */
    @Test
    void aRegexOnTheIdFindsWhatMongoDbFinds() throws Exception {
        Path file = newReadStoreFile();
        MongoServer server = new MongoServer(PersistentReadStore.open(file, NEVER_BY_ITSELF, 16));
        try (MongoClient client = client(server)) {
            List<Document> documents = new ArrayList<>();
            for (String id : List.of("f:fat#1", "f:fatima#2", "f:fatiha#3", "f:fatimah#4", "f:fb#5", "f:fa#6",
                                     "g:fatima#7", "ff:fatima#8", "f:fat\\x#9", "f:fat.x#10")) {
                documents.add(new Document("_id", id).append("card", "y"));
            }
            documents.add(new Document("_id", 11));
            collection(client, "beneficiaryNameKeys").insertMany(documents);
        }
        server.shutdownNow();

        withReadStore(file, client -> {
            MongoCollection<Document> keys = collection(client, "beneficiaryNameKeys");
            assertThat(ids(keys, "^f:fati", "")).containsExactly("f:fatiha#3", "f:fatima#2", "f:fatimah#4");
            assertThat(ids(keys, "^f:fatima#", "")).containsExactly("f:fatima#2");
            assertThat(ids(keys, "^f:fatim.h", "")).containsExactly("f:fatimah#4");
            assertThat(ids(keys, "^f:fat\\.", "")).containsExactly("f:fat.x#10");
            assertThat(ids(keys, "^f:fat\\\\", "")).containsExactly("f:fat\\x#9");
            assertThat(ids(keys, "^f:fatx?i", "")).containsExactly("f:fatiha#3", "f:fatima#2", "f:fatimah#4");
            assertThat(ids(keys, "^f:fa|^g:", "")).containsExactly("f:fa#6", "f:fat#1", "f:fat.x#10", "f:fat\\x#9",
                                                                   "f:fatiha#3", "f:fatima#2", "f:fatimah#4",
                                                                   "g:fatima#7");
            assertThat(ids(keys, "fatima", "")).containsExactly("f:fatima#2", "f:fatimah#4", "ff:fatima#8",
                                                                "g:fatima#7");
            assertThat(ids(keys, "^F:FATI", "i")).containsExactly("f:fatiha#3", "f:fatima#2", "f:fatimah#4");
            assertThat(ids(keys, "^h:", "")).isEmpty();

            keys.deleteOne(Filters.eq("_id", "f:fatima#2"));
            assertThat(ids(keys, "^f:fati", "")).containsExactly("f:fatiha#3", "f:fatimah#4");
            assertThat(keys.find(Filters.regex("_id", "^f:fatiha")).projection(Projections.include("_id")).first())
                    .as("read for _id alone").isEqualTo(new Document("_id", "f:fatiha#3"));
            assertThat(keys.find(Filters.regex("_id", "^f:fati")).projection(Projections.include("_id")).skip(1)
                           .limit(1).into(new ArrayList<>())).hasSize(1);
        });
    }

    /**
     * The search reads a fold's entries that its skeleton did not list as ranges of {@code _id}s; the store seeks the
     * lower bound in the index (the H2 backend's own index takes no range and scans the collection) and must find
     * exactly what MongoDB finds, each bound included or not as asked, read whole or for {@code _id} alone.
     */
    @Test
    void aRangeOfIdsFindsWhatMongoDbFinds() throws Exception {
        Path file = newReadStoreFile();
        withReadStore(file, client -> {
            MongoCollection<Document> keys = collection(client, "searchNameKeys");
            List<Document> documents = new ArrayList<>();
            for (String id : List.of("f:fatima#ftm#1", "f:fatima#ftma#2", "f:fatima#ftma#3", "f:fatima#ftmaz#4",
                                     "f:fatimah#ftma#5", "f:fatimazahra#ftmzhr#6", "f:fatim#ftm#7", "f:fatimb#x#8",
                                     "f:فاطمة#ftma#9")) {
                documents.add(new Document("_id", id).append("card", "y"));
            }
            documents.add(new Document("_id", 10));
            keys.insertMany(documents);

            assertThat(range(keys, "$gte", "f:fatima#", "$lt", "f:fatima#ftma#")).containsExactly("f:fatima#ftm#1");
            assertThat(range(keys, "$gte", "f:fatima#ftma$", "$lt", "f:fatima\uffff"))
                    .containsExactly("f:fatima#ftmaz#4", "f:fatimah#ftma#5", "f:fatimazahra#ftmzhr#6");
            assertThat(range(keys, "$gt", "f:fatima#ftma#2", "$lte", "f:fatima#ftmaz#4"))
                    .containsExactly("f:fatima#ftma#3", "f:fatima#ftmaz#4");
            assertThat(range(keys, "$gte", "f:fatima#ftma#2", "$lt", "f:fatima#ftma#3"))
                    .containsExactly("f:fatima#ftma#2");
            assertThat(range(keys, "$gte", "f:\u0600", "$lt", "f:\u06ff")).containsExactly("f:فاطمة#ftma#9");
            assertThat(range(keys, "$gte", "g:", "$lt", "h:")).isEmpty();
        });
    }

    /** The ids within a range, in order; read for {@code _id} alone too, which must find the same. */
    private static List<Object> range(MongoCollection<Document> collection, String fromOperator, String from,
                                      String toOperator, String to) {
        Document range = new Document("_id", new Document(fromOperator, from).append(toOperator, to));
        List<Object> ids = new ArrayList<>();
        collection.find(range).sort(new Document("_id", 1)).forEach(document -> ids.add(document.get("_id")));
        List<Object> covered = new ArrayList<>();
        collection.find(range).projection(Projections.include("_id"))
                  .forEach(document -> covered.add(document.get("_id")));
        assertThat(covered).as("read for _id alone").containsExactlyElementsOf(ids);
        return ids;
    }

    @Test
    void theLiteralPrefixOfARegexIsWhatEveryMatchBeginsWith() {
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("^f:fati", "")))
                .isEqualTo("f:fati");
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("^ab?c", "")))
                .isEqualTo("a");
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("^a\\.b+c", "")))
                .as("escaped, and one or more").isEqualTo("a.b");
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("^a\\db", "")))
                .as("a class, not a literal").isEqualTo("a");
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("a", "")))
                .as("not anchored").isNull();
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("^a|b", "")))
                .as("an alternative").isNull();
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("^a", "m")))
                .as("^ after every line break").isNull();
        assertThat(PrefixSeekingIndex.literalPrefix(new de.bwaldvogel.mongo.bson.BsonRegularExpression("^a", "i")))
                .as("either case").isNull();
        assertThat(PrefixSeekingIndex.literalPrefix("^a")).as("a string, not a regex").isNull();
    }

    /**
     * The ids the regex finds, in order; read for {@code _id} alone too, which the stand-in answers from its index
     * without the documents ({@link IdCoveringCollection}), and must find the same.
     */
    private static List<Object> ids(MongoCollection<Document> collection, String regex, String options) {
        List<Object> ids = new ArrayList<>();
        collection.find(Filters.regex("_id", regex, options)).sort(new Document("_id", 1))
                  .forEach(document -> ids.add(document.get("_id")));
        List<Object> covered = new ArrayList<>();
        collection.find(Filters.regex("_id", regex, options)).projection(Projections.include("_id"))
                  .forEach(document -> covered.add(document.get("_id")));
        assertThat(covered).as("read for _id alone").containsExactlyInAnyOrderElementsOf(ids);
        return ids;
    }

    /** Where a test's read store lives: a file in a directory of its own, not there yet. */
    private static Path newReadStoreFile() throws IOException {
        return Files.createTempDirectory("masar-readstore-").resolve(PersistentReadStore.FILE_NAME);
    }

    /** The read store in this file opened (after a stop, after a crash, or new), {@code use} run on it, and stopped. */
    private static void withReadStore(Path file, Consumer<MongoClient> use) {
        MongoServer server = new MongoServer(PersistentReadStore.open(file, NEVER_BY_ITSELF, 16));
        try (MongoClient client = client(server)) {
            use.accept(client);
        } finally {
            server.shutdownNow();
        }
    }

    /**
     * An auditor's check of a rebuild reads whole collections: the stand-in hands them out a batch at a time, as
     * MongoDB does, instead of decoding a whole collection into the heap first; every document once, in the order
     * of the ids, with the fields asked for. Updates and deletes of every document still reach them all.
     */
    @Test
    void aWholeCollectionIsReadBatchByBatchEveryDocumentOnce() throws Exception {
        Path file = newReadStoreFile();
        withReadStore(file, client -> {
            MongoCollection<Document> timelines = collection(client, "timelines");
            List<String> ids = new ArrayList<>();
            List<Document> written = new ArrayList<>();
            for (int i = 0; i < 2_500; i++) {
                ids.add(String.format("b-%05d", i));
                written.add(new Document("_id", ids.get(i)).append("n", i).append("note", "text " + i));
            }
            timelines.insertMany(written);

            assertThat(timelines.find().into(new ArrayList<>())).as("the driver's own batches")
                    .extracting(d -> d.getString("_id")).containsExactlyElementsOf(ids);
            List<Document> projected = timelines.find().batchSize(300).projection(Projections.include("n"))
                                                .into(new ArrayList<>());
            assertThat(projected).hasSize(2_500).allSatisfy(d -> assertThat(d.keySet()).containsExactly("_id", "n"));
            assertThat(projected.get(1_234)).containsEntry("_id", "b-01234").containsEntry("n", 1_234);

            try (MongoCursor<Document> cursor = timelines.find().batchSize(100).iterator()) {
                assertThat(cursor.next()).containsEntry("_id", "b-00000");
                // read from where the last batch ended: a document written past that point meanwhile comes too
                timelines.insertOne(new Document("_id", "c-00000"));
                int rest = 0;
                while (cursor.hasNext()) {
                    cursor.next();
                    rest++;
                }
                assertThat(rest).isEqualTo(2_500);
            }

            assertThat(timelines.find(Filters.gte("n", 2_490)).into(new ArrayList<>())).as("a filter, as before")
                    .hasSize(10);
            assertThat(timelines.updateMany(new Document(), Updates.set("seen", true)).getModifiedCount())
                    .isEqualTo(2_501);
            assertThat(timelines.deleteMany(new Document()).getDeletedCount()).isEqualTo(2_501);
            assertThat(timelines.find().into(new ArrayList<>())).isEmpty();
        });
    }

    /** Bound as the application binds it (EmbeddedMongo): a thread for each of the test's few connections. */
    private static MongoClient client(MongoServer server) {
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, EmbeddedMongo.WORKER_THREADS);
        InetSocketAddress address = server.getLocalAddress();
        return MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    private static MongoCollection<Document> collection(MongoClient client, String name) {
        return client.getDatabase("masar").getCollection(name);
    }
}
