package ma.masar.query.infra;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Pushes the live streams' updates a few times a second at most: projections only mark what changed when they write
 * a batch (a rebuild writes hundreds of batches a second), and the live feeds send what is marked on the next tick.
 * The ticks run on Spring Boot's task scheduler ({@link Scheduling}), which ends them when the context closes.
 */
@Component
public class LiveUpdateTimer {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdateTimer.class);

    private final TaskScheduler scheduler;
    private final Duration period;

    public LiveUpdateTimer(TaskScheduler scheduler,
                           @Value("${masar.query.live-update-period-ms:500}") long periodMillis) {
        this.scheduler = scheduler;
        this.period = Duration.ofMillis(periodMillis);
    }

    /** Runs {@code task} one period from now, then one period after each run ends. */
    public void every(String name, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Live updates of [{}] failed this time: {}", name, e.getClass().getSimpleName());
            }
        }, Instant.now().plus(period), period);
    }
}
