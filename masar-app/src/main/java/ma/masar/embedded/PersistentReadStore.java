package ma.masar.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import ma.masar.storage.EmbeddedH2;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The embedded read store on disk: mongo-java-server's H2 backend, one MVStore file ({@code readstore.mv.db} in the
 * data folder) holding every collection of the read store, the processors' tracking tokens included. The read models
 * and their tokens survive a stop, so a start catches up from the tokens instead of rebuilding from the first event;
 * documents live in the file, and the heap holds only H2's page cache ({@code cacheMegabytes}), whatever the
 * population.
 * <p>
 * Why the read models and the tokens on disk agree after a crash. MVStore writes a version of all its maps at a
 * commit, and a crash takes the file back to the last commit, but a commit is not one instant: it collects each map's
 * root in turn. H2's background writer, which commits whenever it likes, could therefore store a token written after
 * the commit began without the documents written just before that token; and a writing thread commits too once a few
 * megabytes are unsaved, in the middle of the command writing them (a document without its index entry after a crash).
 * Here H2 never commits by itself ({@code autoCommitDisabled}, {@code autoCommitBufferSize(0)}): {@link #commit()}
 * runs every {@code period} and holds a write lock, while every command the server executes ({@link #handleMessage})
 * holds the read lock. A commit thus falls between commands, and holds exactly the commands answered before it. A
 * processor stores its token only after MongoDB acknowledged the batch's writes ({@code BatchWrites}), so every
 * token in a commit comes with the writes it covers; writes of a later batch may be in it without their token, and are
 * applied again after a crash, which the projections' idempotent writes allow. What a crash loses is the last period
 * of read-model work, which the processors do again from their tokens.
 * <p>
 * The file is never ahead of the event store's file either ({@link #writeAfter}): H2 makes a transaction's rows
 * visible to the other connections before it writes them, so a processor can handle an event that a crash then takes
 * away. A commit here first has the event store write what it holds ({@link EventStoreWrittenFirst}), so that no
 * read model and no token in the file covers an event that is not on disk.
 * <p>
 * Documents and index keys are written to H2's pages as BSON ({@link BsonPages}), not as the H2 backend's Java
 * serialization, and a string {@code _id} is indexed by the collection's own map ({@link IdIndex}). A file of another
 * format (its {@value #FORMAT_MAP} map names it; absent in the first files, of Java-serialized pages; {@code bson-1}
 * until 2026-12-07, with every {@code _id} in an index map of its own) is removed at the start and the read models
 * are rebuilt from the events, as for a lost file.
 * <p>
 * The commits keep a thread of their own instead of Spring's task scheduler: the store opens before the application
 * context exists ({@link EmbeddedMongo}) and closes after it, while the scheduler stops when the context begins to
 * close, before the processors' last batches, which must still be committed every period until the store closes.
 */
final class PersistentReadStore extends H2Backend {

    static final String FILE_NAME = "readstore.mv.db";
    /** Names how the file's pages are written; absent in files of earlier versions. */
    static final String FORMAT_MAP = "masar.readStoreFormat";
    private static final String FORMAT = "bson-2";

    private static final Logger log = LoggerFactory.getLogger(PersistentReadStore.class);
    /** Commands that read only (aggregations are looked at stage by stage, {@link #readsOnly}). */
    private static final Set<String> READ_COMMANDS = Set.of(
            "find", "getMore", "count", "distinct", "listCollections", "listIndexes", "listDatabases", "killCursors",
            "hello", "isMaster", "ismaster", "ping", "buildInfo", "buildinfo", "getlasterror", "getLastError",
            "endSessions", "dbStats", "collStats");
    /** Below this share of live data in its chunks the file is compacted (H2's own writer would, were it running). */
    private static final int COMPACT_BELOW_FILL_RATE = 60;
    private static final int COMPACT_TARGET_FILL_RATE = 80;
    /**
     * A commit first runs a compaction pass when the file is mostly dead, of this much for every second since the last
     * pass (at most {@link #COMPACT_MOST_BYTES}): the file catches up with its live size by up to 60 MB a minute while
     * writing goes on, however long the commits take, and no commit grows by much. Until 2026-12-06 a pass was 1 MB
     * whatever the time since the last: commits start a second after the last one ended, and while a load makes them
     * long the passes came less often; the file after the scale-1 load was a third larger than with the passes before
     * (BENCHMARKS.md, ninth session). A pass ({@link MVStore#compact(int, int)}) reads the live pages of the emptiest
     * chunks and marks them changed. It stores nothing itself (H2 stores only in a commit here,
     * {@code autoCommitDisabled}), so it runs before the write lock, while the commands go on, and the commit writes
     * the pages it moved under the lock like any other change. Until 2026-12-05 a pass of 4 MB every 5 s ran under the
     * lock, reading those pages while every read model's writes waited (and before that, passes of 16 MB a second
     * stopped every read model for about 75 s at the 2010 population: BENCHMARKS.md, "The read store's pages as
     * BSON"). A stop does not compact: a file stopped while mostly dead is compacted by the passes after the next
     * start.
     */
    private static final int COMPACT_BYTES_PER_SECOND = 1024 * 1024;
    private static final int COMPACT_MOST_BYTES = 8 * COMPACT_BYTES_PER_SECOND;

    private final MVStore store;
    private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock();
    /** When the last compaction pass began, or the last commit that found the file live enough ({@code nanoTime}). */
    private volatile long lastPass = System.nanoTime();
    /** Run before each commit that has something to write: the event store writes what it holds. */
    private volatile Runnable eventsWritten = () -> { };
    private final ScheduledExecutorService committer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "read-store-commit");
        thread.setDaemon(true);
        return thread;
    });

    private PersistentReadStore(MVStore store, Duration period) {
        super(store);
        this.store = store;
        long millis = period.toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    static PersistentReadStore open(Path file, Duration commitPeriod, int cacheMegabytes) {
        return open(file, commitPeriod, cacheMegabytes, log::info);
    }

    /** {@code notices}: where to say that a file of an earlier format was removed (a deferred log before a start). */
    static PersistentReadStore open(Path file, Duration commitPeriod, int cacheMegabytes, Consumer<String> notices) {
        boolean existed = Files.exists(file);
        MVStore store = openStore(file, cacheMegabytes);
        MVMap<String, String> format = store.openMap(FORMAT_MAP);
        String pages = format.get("pages");
        if (existed && !FORMAT.equals(pages)) {
            store.closeImmediately();
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the read store of an earlier version " + file, e);
            }
            notices.accept("Read store " + file + " was written by an earlier version (pages of format "
                         + (pages == null ? "java" : pages) + "): removed, the read models are rebuilt from the first "
                         + "event");
            store = openStore(file, cacheMegabytes);
            format = store.openMap(FORMAT_MAP);
        }
        format.put("pages", FORMAT);
        store.commit();
        return new PersistentReadStore(store, commitPeriod);
    }

    private static MVStore openStore(Path file, int cacheMegabytes) {
        return new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                // and not when megabytes are unsaved either: H2 would commit in the middle of the command writing them
                .autoCommitBufferSize(0)
                .cacheSize(cacheMegabytes)
                .compress()
                .open();
    }

    /** Called by the H2 backend's constructor too, for the databases the file holds: uses only what it is given. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new BsonDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    /**
     * Every command the driver sends that may write (OP_MSG, as MongoDB drivers 4.x and later do) runs between two
     * commits. A command that only reads needs no such boundary: MVStore's maps are read without locks, while a commit
     * writes them out and while a compaction moves their pages, so a read does not wait for either (a commit held the
     * lock for hundreds of milliseconds while the population loaded, BENCHMARKS.md, seventh session).
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        if (readsOnly(message.getDocument())) {
            return super.handleMessage(message);
        }
        commits.readLock().lock();
        try {
            return super.handleMessage(message);
        } finally {
            commits.readLock().unlock();
        }
    }

    /**
     * {@code eventsWritten} runs before every commit, and a commit happens only once it returned: it must leave on
     * disk every event a processor could have read by then, and throw if it cannot.
     */
    void writeAfter(Runnable eventsWritten) {
        this.eventsWritten = eventsWritten;
    }

    /**
     * Whether a command only reads: by its name, the first key of the document the driver sends; an aggregation only
     * when none of its stages writes ({@code $out}, {@code $merge}). Anything else is taken for a write.
     */
    static boolean readsOnly(Document command) {
        if (command.isEmpty()) {
            return false;
        }
        String name = command.keySet().iterator().next();
        if ("aggregate".equals(name)) {
            return command.get("pipeline") instanceof List<?> stages && stages.stream().noneMatch(
                    stage -> stage instanceof Document document
                             && (document.containsKey("$out") || document.containsKey("$merge")));
        }
        return READ_COMMANDS.contains(name);
    }

    /**
     * Writes what the commands answered so far as one version of the file, after the events they were drawn from;
     * compacts the file when it is mostly dead.
     */
    @Override
    public void commit() {
        if (store.hasUnsavedChanges()) {
            // most of the event store's writing, before the lock that holds every read model's commands
            eventsWritten.run();
        }
        if (!store.isClosed() && store.getFileStore().getChunksFillRate() < COMPACT_BELOW_FILL_RATE) {
            // pages moved out of the emptiest chunks, in memory only: the commit below stores them
            long now = System.nanoTime();
            long bytes = (now - lastPass) / 1_000_000L * COMPACT_BYTES_PER_SECOND / 1000L;
            lastPass = now;
            store.compact(COMPACT_TARGET_FILL_RATE,
                          (int) Math.max(COMPACT_BYTES_PER_SECOND, Math.min(COMPACT_MOST_BYTES, bytes)));
        } else {
            lastPass = System.nanoTime();
        }
        commits.writeLock().lock();
        try {
            if (store.isClosed()) {
                return;
            }
            if (store.hasUnsavedChanges()) {
                // the events handled since the run above, now that no command can add to what is committed
                eventsWritten.run();
                store.commit();
            }
        } finally {
            commits.writeLock().unlock();
        }
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (RuntimeException e) {
            // the next period tries again; what is not committed is redone from the tokens after a crash
            log.warn("Read store: commit failed: {}", e.toString());
        }
    }

    long fileBytes() {
        return store.getFileStore().size();
    }

    /** Bytes read from the file since it was opened. */
    long bytesRead() {
        return store.getFileStore().getReadBytes();
    }

    /** Bytes written to the file since it was opened; throws once it is closed. */
    long bytesWritten() {
        if (store.isClosed()) {
            throw new IllegalStateException("the read store is closed");
        }
        return EmbeddedH2.writtenBytes(store);
    }

    /**
     * Called by the server at its stop, after its last client is gone: the last commit, then the file is closed. A
     * commit under way is let finish, not interrupted: an interrupted write closes its file's channel (CI saw "commit
     * failed: Writing to FileChannel failed" at a stop), and the commit also writes the event store's file.
     */
    @Override
    public void close() {
        committer.shutdown();
        try {
            if (!committer.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Read store: a commit still running after 30 s; closing the file regardless");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commits.writeLock().lock();
        try {
            super.close();
        } finally {
            commits.writeLock().unlock();
        }
    }
}
