package ma.masar.query.infra;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One thread that pushes the live streams' updates a few times a second at most: projections only mark what changed
 * when they write a batch (a rebuild writes hundreds of batches a second), and the live feeds send what is marked on
 * the next tick.
 */
@Component
public class LiveUpdateTimer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdateTimer.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "masar-live-updates");
        thread.setDaemon(true);
        return thread;
    });
    private final long periodMillis;

    public LiveUpdateTimer(@Value("${masar.query.live-update-period-ms:500}") long periodMillis) {
        this.periodMillis = periodMillis;
    }

    public void every(String name, Runnable task) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Live updates of [{}] failed this time: {}", name, e.getClass().getSimpleName());
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
