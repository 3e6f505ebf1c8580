package ma.masar.query.readiness;

import ma.masar.query.infra.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;

/**
 * Keeps the service out of traffic until its read models have caught up with the event store as it was at the start
 * (issue 16): a read store that is new, lost or asked to rebuild is built from the first event, and one kept on disk
 * catches up with what was stored after its last commit (a SIGKILL loses its last second); until then the counts and
 * the search answer with part of the data.
 * <p>
 * At the start (once the context is refreshed) the event store's head is read once. Spring Boot declares the
 * application ready ({@link ReadinessState#ACCEPTING_TRAFFIC}) when it has started; while a read model is behind, that
 * is answered at once with {@link ReadinessState#REFUSING_TRAFFIC}, and {@code ACCEPTING_TRAFFIC} is published again
 * when every read model's processor has all its segments at that head, as Axon reports them
 * ({@link StreamingEventProcessor#processingStatus()}). The readiness probe ({@code /actuator/health/readiness})
 * follows; liveness is not touched. Once ready, the service stays ready: a read model falling behind later is lag,
 * not a start. With several query-side instances, each waits for the segments it holds.
 * <p>
 * That lag is still told ({@link LagWatch}): once ready, the head is sampled every second, and the progress says
 * {@code behind} while a read model has not reached the head as it was {@value #BEHIND_AFTER_SECONDS} s before (a bulk
 * import outruns the search's projection), with its percent counted from where the slowest stood when it fell behind.
 * The pages show "catching up" for that too.
 * <p>
 * The checks run on Spring Boot's task scheduler ({@code ma.masar.query.infra.Scheduling}): every 200 ms from the start
 * until the read models are there, then every second for the lag; the scheduler ends them with the context.
 */
@Component
public class ReadModelsCatchUp implements ApplicationListener<AvailabilityChangeEvent<?>> {

    private static final Logger log = LoggerFactory.getLogger(ReadModelsCatchUp.class);
    private static final Duration CHECK_EVERY = Duration.ofMillis(200);
    private static final long LOG_EVERY_NANOS = 5_000_000_000L;
    private static final Duration WATCH_LAG_EVERY = Duration.ofSeconds(1);
    static final int BEHIND_AFTER_SECONDS = 2;

    /** How far one read model is: the position of its slowest segment, and the percent of the head that is. */
    public record ReadModel(String name, long position, int percent, boolean caughtUp) {
    }

    /**
     * How far the read models are. Until {@code ready}, {@code head} is the event store's position at the start (-1: it
     * was empty); once ready, they may still be {@code behind} the events recorded since, and then {@code head} is the
     * event store's position sampled last and {@code percent} counts from where they fell behind.
     */
    public record Progress(boolean ready, boolean behind, int percent, long head, List<ReadModel> readModels) {
    }

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final ApplicationAvailability availability;
    private final ApplicationEventPublisher events;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> checks;
    private boolean watchingLag;
    private volatile boolean stopping;   // set under this lock, as watchingLag and the rescheduling of checks
    private long behindSince;   // the lag checks only, which never overlap
    private final LagWatch lag = new LagWatch(Duration.ofSeconds(BEHIND_AFTER_SECONDS).toNanos());

    private volatile long head = Long.MAX_VALUE;   // not read yet: nothing is caught up
    private volatile boolean caughtUp;
    private volatile boolean bootReady;
    private volatile long startedNanos;
    private long nextLog;

    /** Takes {@link ApplicationAvailability} first, so that Boot's record of the state hears an event before this does. */
    public ReadModelsCatchUp(EventProcessingConfiguration processing, EventStore eventStore,
                             ApplicationAvailability availability, ApplicationEventPublisher events,
                             TaskScheduler scheduler) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.availability = availability;
        this.events = events;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationStartedEvent.class)
    void readHead() {
        TrackingToken token = eventStore.createHeadToken();
        head = token == null ? -1 : token.position().orElse(-1);
        startedNanos = System.nanoTime();
        nextLog = startedNanos + LOG_EVERY_NANOS;
        log.info("Read models catching up with the event store at {}: not ready until they are there", head);
        checks = scheduler.scheduleWithFixedDelay(this::check, CHECK_EVERY);   // the first check at once
    }

    /** Boot says ready when it has started; not yet, while a read model is behind (Boot's record heard it first). */
    @Override
    public synchronized void onApplicationEvent(AvailabilityChangeEvent<?> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            bootReady = true;
            if (!caughtUp) {
                AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
            }
        }
    }

    void check() {
        if (stopping) {
            return;
        }
        try {
            Progress progress = progress();
            if (progress.ready()) {
                synchronized (this) {
                    if (!caughtUp) {
                        caughtUp = true;
                        log.info("Read models caught up with the event store at {} in {} s: ready", head,
                                 String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9));
                    }
                }
                if (!bootReady) {
                    return;   // Boot's own ACCEPTING_TRAFFIC is still to come, and finds them caught up
                }
                if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
                    AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
                }
                watchLagFromNowOn();
            } else if (System.nanoTime() > nextLog) {
                nextLog = System.nanoTime() + LOG_EVERY_NANOS;
                log.info("Read models catching up: {}% ({})", progress.percent(), progress.readModels());
            }
        } catch (RuntimeException e) {
            // the next check tries again; the exception's class only, as everywhere
            log.warn("Could not check whether the read models caught up: {}", e.getClass().getSimpleName());
        }
    }

    /** Once ready: the head and the slowest read model, for {@link LagWatch}. */
    void watchLag() {
        try {
            TrackingToken token = eventStore.createHeadToken();
            long now = token == null ? -1 : token.position().orElse(-1);
            long slowest = Long.MAX_VALUE;
            for (String group : ProcessingGroups.ALL) {
                slowest = Math.min(slowest, position(group));
            }
            boolean wasBehind = lag.state().behind();
            long at = System.nanoTime();
            lag.sample(at, now, slowest);
            LagWatch.State state = lag.state();
            if (state.behind() && !wasBehind) {
                behindSince = at;
                log.info("Read models behind the events recorded (the slowest at {} of {}): catching up", slowest, now);
            } else if (!state.behind() && wasBehind) {
                log.info("Read models caught up with the events recorded at {}, {} s after they were seen behind", now,
                         String.format("%.1f", (at - behindSince) / 1e9));
            }
        } catch (RuntimeException e) {
            log.warn("Could not check whether the read models are behind: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * The progress as the service answers it: ready only once readiness itself accepts traffic, so that a client
     * never reads "ready" while the readiness probe still says 503 (the check runs every 200 ms); then, whether the
     * read models are behind what was recorded since.
     */
    public Progress report() {
        Progress progress = progress();
        if (!progress.ready()) {
            return progress;
        }
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return new Progress(false, false, 99, progress.head(), progress.readModels());
        }
        LagWatch.State state = lag.state();
        if (!state.behind()) {
            return progress;
        }
        List<ReadModel> readModels = new ArrayList<>();
        int slowest = 100;
        for (ReadModel readModel : progress.readModels()) {
            int percent = state.percent(readModel.position());
            readModels.add(new ReadModel(readModel.name(), readModel.position(), percent,
                                         readModel.position() >= state.head()));
            slowest = Math.min(slowest, percent);
        }
        return new Progress(true, true, Math.min(99, slowest), state.head(), readModels);
    }

    public Progress progress() {
        long target = head;
        List<ReadModel> readModels = new ArrayList<>();
        boolean all = true;
        double sum = 0;
        for (String group : ProcessingGroups.ALL) {
            long position = position(group);
            boolean there = target != Long.MAX_VALUE && position >= target;
            double fraction = there ? 1 : target <= 0 || target == Long.MAX_VALUE ? 0
                    : Math.min(0.999, Math.max(0, position) / (double) target);
            readModels.add(new ReadModel(group, position, (int) Math.floor(100 * fraction), there));
            all &= there;
            sum += fraction;
        }
        int percent = caughtUp || all ? 100 : (int) Math.min(99, Math.floor(100 * sum / Math.max(1, readModels.size())));
        return new Progress(caughtUp || all, false, percent, target == Long.MAX_VALUE ? -1 : target, readModels);
    }

    private long position(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class)
                         .map(ReadModelsCatchUp::slowestSegment).orElse(-1L);
    }

    /** The position of the segment furthest behind; -1 while the processor holds no segment (not started, claiming). */
    private static long slowestSegment(StreamingEventProcessor processor) {
        var segments = processor.processingStatus().values();
        if (segments.isEmpty()) {
            return -1;
        }
        long slowest = Long.MAX_VALUE;
        for (var segment : segments) {
            OptionalLong position = segment.getCurrentPosition();
            slowest = Math.min(slowest, position.orElse(-1));
        }
        return slowest;
    }

    public boolean ready() {
        return caughtUp;
    }

    /**
     * The application is stopping: the checks end here, before the scheduler is shut down. A check that found the read
     * models caught up in the moment of a stop scheduled the lag's watch on a scheduler that refused it, and its
     * warning ({@code TaskRejectedException}) was the one exception in the log of a clean stop (CleanStopTest).
     */
    @EventListener(ContextClosedEvent.class)
    synchronized void stopChecking() {
        stopping = true;
        ScheduledFuture<?> scheduled = checks;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }

    /**
     * Once ready, for good: the start's checks stop and the lag's begin. A check that ran before {@link #checks} was set
     * comes here again 200 ms later and stops then.
     */
    private synchronized void watchLagFromNowOn() {
        ScheduledFuture<?> scheduled = checks;
        if (scheduled != null && !watchingLag && !stopping) {
            scheduled.cancel(false);
            watchingLag = true;
            checks = scheduler.scheduleWithFixedDelay(this::watchLag, WATCH_LAG_EVERY);
        }
    }
}
