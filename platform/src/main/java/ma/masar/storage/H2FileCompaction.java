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
 * bytes per event. A pass that finds nothing that small therefore tries again with twice the size, up to 1 MB
 * (BENCHMARKS.md, "Passes that fit the chunks of a group commit").
 * <p>
 * Only an embedded H2 database has a store to compact; for anything else (a test's in-memory engine, another
 * database) {@link #compactOnce()} does nothing.
 */
public final class H2FileCompaction implements AutoCloseable {

    /** The share of the chunks' space that must be live before a pass leaves them alone, unless told otherwise. */
    public static final int DEFAULT_FILL_RATE = 80;
    /** How much a pass, and a period's passes, rewrite at most unless told otherwise: one pass of 4 MB a period. */
    public static final int DEFAULT_WRITE_BYTES = 4 * 1024 * 1024;
    /** How much a pass rewrites at most when the least live chunk holds more than writeBytes. */
    private static final int MAX_PASS_BYTES = 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(H2FileCompaction.class);

    private final String name;
    private final DataSource dataSource;
    private final int fillRate;
    private final int writeBytes;
    private final int periodBytes;
    private final ScheduledExecutorService scheduler;
    /** Set by {@link #close()}: the period under way stops after its pass. */
    private volatile boolean closing;

    public H2FileCompaction(String name, DataSource dataSource, Duration period) {
        this(name, dataSource, period, DEFAULT_FILL_RATE, DEFAULT_WRITE_BYTES, DEFAULT_WRITE_BYTES);
    }

    /**
     * @param fillRate    the percentage of live data in the chunks below which a pass rewrites the least live of them:
     *                    the lower, the larger the file and the less a pass rewrites for each byte it frees
     * @param writeBytes  how much of live pages a pass rewrites at most: how long a commit can wait for one
     * @param periodBytes how much a period's passes rewrite at most
     */
    public H2FileCompaction(String name, DataSource dataSource, Duration period, int fillRate, int writeBytes,
                            int periodBytes) {
        this.name = name;
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
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = EmbeddedH2.storeOf(connection);
            if (store == null || store.getFileStore() == null || store.isClosed()) {
                return Pass.NOTHING_TO_COMPACT;
            }
            return rewrite(store);
        }
    }

    /**
     * One pass: the least live chunks whose live pages come to {@code writeBytes}, or if a single one holds more, up
     * to {@link #MAX_PASS_BYTES} (or {@code writeBytes} if larger). H2 picks whole chunks whose live pages fit in the
     * size it is given: a chunk larger than that is left alone, however dead.
     */
    private Pass rewrite(MVStore store) {
        FileStore<?> file = store.getFileStore();
        int before = file.getChunksFillRate();
        boolean rewritten = false;
        for (int bytes = writeBytes; !rewritten && before < fillRate; bytes *= 2) {
            rewritten = store.compact(fillRate, bytes);
            if (bytes >= MAX_PASS_BYTES) {
                break;
            }
        }
        return new Pass(before, file.getChunksFillRate(), rewritten, file.size());
    }

    /**
     * One period's work: passes of {@code writeBytes} until the store is live enough or {@code periodBytes} were
     * rewritten, each apart from the next so that the commits waiting for the lock go first.
     */
    private void compactQuietly() {
        try {
            for (long rewritten = 0; !closing && rewritten < periodBytes; rewritten += writeBytes) {
                if (rewritten > 0) {
                    Thread.sleep(1);   // the commits waiting for the lock go before the next pass
                }
                Pass pass = compactOnce();
                if (!pass.rewritten()) {
                    return;
                }
                log.debug("H2 store [{}]: chunks {}% live, {}% after rewriting; file {} MB", name,
                          pass.fillRateBefore(), pass.fillRateAfter(), pass.fileBytes() >> 20);
                if (pass.fillRateAfter() >= fillRate) {
                    return;
                }
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
        // the whole store in panic ("Could not sync file", seen once on a stop)
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
