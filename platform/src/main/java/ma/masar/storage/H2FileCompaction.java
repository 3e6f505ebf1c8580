package ma.masar.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an embedded H2 file from growing without end while every commit is written at once ({@code WRITE_DELAY=0},
 * which the event store and the key store need so that an acknowledged fact survives a SIGKILL).
 * <p>
 * Every commit writes a new chunk holding the pages it changed; a chunk is freed only when none of its pages is live
 * any more. H2 rewrites the chunks that are mostly dead in its background writer thread, and that thread does not run
 * when the write delay is 0 (h2database issue 442: "call compact yourself"). Measured on the full 2010 population
 * before this class: the event store's file held 15.5 GB after 576,000 events. This does what the background writer
 * would do, on a thread of its own: every {@code period}, if the chunks are less than {@code fillRate}% live,
 * rewrite the least live of them ({@link MVStore#compact(int, int)}, about {@code writeBytes} of live pages at a
 * time). The chunks emptied this way are reused once H2's retention time has passed.
 * <p>
 * A pass runs under H2's store lock, so every commit waits for it, and a read that records something (a case opened,
 * {@code CaseOpened}) waits with it. A period's rewriting can therefore be cut into smaller passes, a millisecond apart
 * so that the commits waiting for the lock go between them. Measured at scale 0.2 (BENCHMARKS.md, "A restart that
 * read every document"): one pass of 4 MB a period, the default, kept the event store at about 800 bytes per event,
 * with a timeline's p99 at 91 ms and an acknowledgement's at 148 ms; passes of 1 MB, up to 8 MB a period, gave 29 ms
 * and 54 ms, but a file of about 1.5 KB per event. Which matters more is the operator's choice
 * ({@code masar.h2.compaction-bytes}, {@code masar.h2.compaction-bytes-per-period}).
 * <p>
 * How live the chunks must be before a pass runs matters more than how much it rewrites. A store kept just at 80%
 * falls below it at every commit, and its least live chunks are then still mostly live (one 75% live costs three bytes
 * rewritten for each byte freed), every period. On the 2010 population's files that was three quarters of all the
 * bytes the application allocated while timelines were opened, and a timeline's p99 was 112 to 172 ms; with the event
 * store at 60% ({@code masar.h2.compaction-fill-rate}), 25 to 27 ms (BENCHMARKS.md, "Compaction that waits for dead
 * space").
 * <p>
 * Seen working in the running application for the key store (its file fell from 55 MB to under 1 MB within a minute
 * of the demo load). For the event store it is not enough alone: a freed chunk's space is reused only after H2's
 * retention time (45 s by default), and at hundreds of commits a second the file grew by a chunk per commit meanwhile
 * (33 KB per event after 20,000 events). With {@code RETENTION_TIME=1000} and {@code COMPRESS=TRUE} in its URL and a
 * pass every 250 ms it held 2.6 KB per event (BENCHMARKS.md, "Embedded event store (issue 16)").
 * <p>
 * A pass rewrites whole chunks only, those whose live pages fit in the size it is given. A group of commands
 * committed together (GroupCommit) writes chunks of hundreds of kilobytes, most of them still live long after, and
 * passes of 256 KB never rewrote one: the event store's chunks were 28% live after the 2010 population's load, 2,303
 * bytes per event. A pass that finds nothing that small therefore tries again with twice the size, up to 1 MB while
 * commits come ({@link #rewrite(MVStore, int, int)}).
 * <p>
 * While the store is quiet (no commit since the last period, as after a bulk load), a period does what H2's background
 * writer does when idle: it frees the chunks that died while readers still saw them, rewrites chunks until they are
 * {@code idleFillRate}% live, then moves the chunks at the end of the file into the holes and cuts the file's end off
 * ({@link RandomAccessStore#compactMoveChunks(int, long, MVStore)}). A commit arriving meanwhile waits for one step
 * (a pass of at most 2 MB, or a move of at most {@code periodBytes}); the next period sees that commit and goes back
 * to the passes above (BENCHMARKS.md, "Passes that fit the chunks of a group commit").
 * <p>
 * Only an embedded H2 database has a store to compact; for anything else (a test's in-memory engine, another
 * database) {@link #compactOnce()} does nothing.
 */
public final class H2FileCompaction implements AutoCloseable {

    /** The share of the chunks' space that must be live before a pass leaves them alone, unless told otherwise. */
    public static final int DEFAULT_FILL_RATE = 80;
    /** How much a pass, and a period's passes, rewrite at most unless told otherwise: one pass of 4 MB a period. */
    public static final int DEFAULT_WRITE_BYTES = 4 * 1024 * 1024;
    /**
     * How live the chunks are made while the store is quiet, unless told otherwise. Not more: a pass rewrites the
     * inner pages above the ones it moves, and those copies die at the next pass. On the event store after a demo load
     * at a tenth of the 2010 population, at 80 the passes never ended (5,162 passes in 90 s, the chunks between 73% and
     * 85% live); at 60 they ended after 192, the chunks 64% live and the file 99% used.
     */
    public static final int DEFAULT_IDLE_FILL_RATE = 60;
    /** A quiet store's chunks are moved together until this share of the file is used. */
    private static final int MOVE_UNTIL_USED = 95;
    /** How much one step of moving a quiet store's chunks copies at most: how long a commit can wait for it. */
    private static final int MOVE_BYTES = 2 * 1024 * 1024;
    /** How much a pass rewrites at most while commits come, when the least live chunk holds more than writeBytes. */
    private static final int BUSY_PASS_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);

    private final String name;
    private final DataSource dataSource;
    private final int fillRate;
    private final int writeBytes;
    private final int periodBytes;
    private final int idleFillRate;
    private final ScheduledExecutorService scheduler;
    /** The store's version when the last period ended: the same at the next one means nothing was committed since. */
    private long versionAfterLastPeriod = -1;
    /** A quiet period's moves gained nothing: none until the next commit. */
    private boolean movesSettled;
    /** Set by {@link #close()}: the period under way stops between two steps. */
    private volatile boolean closing;

    public H2FileCompaction(String name, DataSource dataSource, Duration period) {
        this(name, dataSource, period, DEFAULT_FILL_RATE, DEFAULT_WRITE_BYTES, DEFAULT_WRITE_BYTES,
             DEFAULT_IDLE_FILL_RATE);
    }

    /**
     * @param fillRate    the percentage of live data in the chunks below which a pass rewrites the least live of them:
     *                    the lower, the larger the file and the less a pass rewrites for each byte it frees
     * @param writeBytes  how much of live pages a pass rewrites at most: how long a commit can wait for one
     * @param periodBytes how much a period's passes rewrite at most
     * @param idleFillRate how live the chunks, and the file, are made while nothing is committed; 0: not at all
     */
    public H2FileCompaction(String name, DataSource dataSource, Duration period, int fillRate, int writeBytes,
                            int periodBytes, int idleFillRate) {
        this.name = name;
        this.idleFillRate = idleFillRate;
        this.fillRate = fillRate;
        this.writeBytes = writeBytes;
        this.periodBytes = periodBytes;
        this.dataSource = dataSource;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-compaction-" + name);
            thread.setDaemon(true);
            return thread;
        });
        long millis = period.toMillis();
        scheduler.scheduleWithFixedDelay(this::compactQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Rewrites the least live chunks if the store is below the target fill rate; says what it found and did. */
    public Pass compactOnce() throws SQLException {
        MVStore store = store();
        return store == null ? Pass.NOTHING_TO_COMPACT : rewrite(store, fillRate, BUSY_PASS_BYTES);
    }

    /**
     * What a period does while the store is quiet: {@link #compactOnce()} up to {@link #idleFillRate}, the pages it
     * moved written, then the file's chunks moved together and its end cut off. Says how large the file is after it.
     */
    public long compactIdle() throws SQLException, InterruptedException {
        MVStore store = store();
        if (store == null) {
            return 0;
        }
        FileStore<?> file = store.getFileStore();
        // H2 frees the chunks that died only when it writes a chunk, and then only those no reader still sees: in a
        // quiet store the chunks that died while the read models were reading stayed counted, unfreed (the event store
        // after a demo load: chunks 50% live, file 98% used, and neither rewriting nor moving went further)
        store.executeFilestoreOperation(file::dropUnusedChunks);
        long ours = store.getCurrentVersion();   // a later version than our own last commit: someone else committed
        boolean rewritten = false;
        for (long bytes = 0; quiet(store, ours) && bytes < periodBytes && file.getChunksFillRate() < idleFillRate;
             bytes += writeBytes) {
            if (bytes > 0) {
                Thread.sleep(1);   // a commit waiting for the lock goes before the next pass
            }
            if (!rewrite(store, idleFillRate, BUSY_PASS_BYTES).rewritten()) {
                break;
            }
            store.commit();   // nothing else commits while the store is quiet: the rewritten pages are written now
            ours = store.getCurrentVersion();
            rewritten = true;
        }
        if (file instanceof RandomAccessStore randomAccess && !movesSettled) {
            long sizeBefore = file.size();
            int usedBefore = file.getFillRate();
            for (long bytes = 0; quiet(store, ours) && bytes < periodBytes && file.getFillRate() < MOVE_UNTIL_USED;
                 bytes += MOVE_BYTES) {
                Thread.sleep(1);
                long size = file.size();
                int used = file.getFillRate();
                randomAccess.compactMoveChunks(101, MOVE_BYTES, store);   // 101: whatever the file's fill rate
                ours = store.getCurrentVersion();
                if (file.size() == size && file.getFillRate() == used) {
                    // H2 moves whole chunks only: one larger than a step stays where it is, and may hold the file's end
                    randomAccess.compactMoveChunks(101, periodBytes, store);
                    ours = store.getCurrentVersion();
                    break;
                }
            }
            // nothing rewritten, nothing gained by moving in a whole period: the moves wait for the next commit instead
            // of copying chunks around
            movesSettled = !rewritten && file.size() == sizeBefore && file.getFillRate() == usedBefore;
        }
        log.debug("H2 store [{}] quiet: chunks {}% live, file {}% used, {} MB", name, file.getChunksFillRate(),
                  file.getFillRate(), file.size() >> 20);
        return file.size();
    }

    private boolean quiet(MVStore store, long ourLastVersion) {
        return !closing && store.getCurrentVersion() == ourLastVersion;
    }

    private MVStore store() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = EmbeddedH2.storeOf(connection);
            return store == null || store.getFileStore() == null || store.isClosed() ? null : store;
        }
    }

    /**
     * One pass: the least live chunks whose live pages come to {@code writeBytes}, or if a single one holds more, up
     * to {@code maxBytes}. H2 picks chunks whose live pages fit in the size it is given, whole chunks only: a group of
     * commands committed together writes a chunk of about 470 KB, 280 KB of it still live long after, and passes of
     * 256 KB never rewrote one (the event store's chunks 28% live after the 2010 population's load).
     */
    private Pass rewrite(MVStore store, int targetFillRate, int maxBytes) {
        FileStore<?> file = store.getFileStore();
        int before = file.getChunksFillRate();
        boolean rewritten = false;
        for (int bytes = writeBytes; !rewritten && before < targetFillRate; bytes *= 2) {
            rewritten = store.compact(targetFillRate, bytes);
            if (bytes >= maxBytes) {
                break;
            }
        }
        return new Pass(before, file.getChunksFillRate(), rewritten, file.size());
    }

    /**
     * One period's work. While commits come: passes of {@code writeBytes} until the store is live enough or
     * {@code periodBytes} were rewritten, each apart from the next so that the commits waiting for the lock go first.
     * When none came since the last period: {@link #compactIdle()}.
     */
    private void compactQuietly() {
        try {
            MVStore store = store();
            if (store == null) {
                return;
            }
            boolean quiet = store.getCurrentVersion() == versionAfterLastPeriod;
            if (!quiet) {
                movesSettled = false;
            }
            try {
                if (quiet && idleFillRate > 0) {
                    compactIdle();
                    return;
                }
                for (long rewritten = 0; !closing && rewritten < periodBytes; rewritten += writeBytes) {
                    if (rewritten > 0) {
                        Thread.sleep(1);   // the commits waiting for the lock go before the next pass
                    }
                    Pass pass = rewrite(store, fillRate, BUSY_PASS_BYTES);
                    if (!pass.rewritten()) {
                        return;
                    }
                    log.debug("H2 store [{}]: chunks {}% live, {}% after rewriting; file {} MB", name,
                              pass.fillRateBefore(), pass.fillRateAfter(), pass.fileBytes() >> 20);
                    if (pass.fillRateAfter() >= fillRate) {
                        return;
                    }
                }
            } finally {
                versionAfterLastPeriod = store.getCurrentVersion();
            }
        } catch (SQLException | RuntimeException e) {
            // the next pass tries again; a store closing under us (shutdown) ends up here too
            log.warn("H2 store [{}]: compaction failed: {}", name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // not shutdownNow(): an interrupt in the middle of H2's file I/O closes its file channel, and H2 then closes
        // the whole store in panic ("Could not sync file", seen on a stop during a quiet period's move)
        closing = true;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One pass: the chunks' fill rate before and after, whether any chunk was rewritten, the file's size. */
    public record Pass(int fillRateBefore, int fillRateAfter, boolean rewritten, long fileBytes) {
        static final Pass NOTHING_TO_COMPACT = new Pass(100, 100, false, 0);
    }
}
