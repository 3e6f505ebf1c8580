package ma.masar.embedded.demo;

import ma.masar.api.common.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** How far the demo population is, for the log (a progress line every 5%) and the UI. */
@Component
public class DemoDataProgress {

    private static final Logger log = LoggerFactory.getLogger(DemoDataProgress.class);

    public enum State { NOT_STARTED, SKIPPED, RUNNING, DONE, FAILED }

    public record Snapshot(State state, int people, int peopleDone, long commands, long refused,
                           double commandsPerSecond) {
    }

    private volatile State state = State.NOT_STARTED;
    private volatile int people;
    private final AtomicInteger peopleDone = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private volatile long commands;
    private volatile double rate;

    void started(int people) {
        this.people = people;
        this.state = State.RUNNING;
    }

    void skipped() {
        state = State.SKIPPED;
    }

    void personDone(long commandsSent, long startedNanos) {
        int done = peopleDone.incrementAndGet();
        commands = commandsSent;
        int step = Math.max(1, people / 20);
        if (done % step == 0) {
            rate = commandsSent / ((System.nanoTime() - startedNanos) / 1e9);
            log.info("Demo data: {}% ({} of {} people, {} commands/s)", Math.round(100.0 * done / people), done,
                    people, Math.round(rate));
        }
    }

    void refusedOne(RuntimeException e) {
        if (refused.incrementAndGet() <= 5) {
            // the rule or exception type only: the command holds personal data
            log.warn("Demo command refused: {}", e instanceof RuleViolation v ? v.rule() : e.getClass().getName());
        }
    }

    void finished(long commandsSent, double seconds) {
        commands = commandsSent;
        rate = commandsSent / seconds;
        state = State.DONE;
    }

    void failed() {
        state = State.FAILED;
    }

    long refused() {
        return refused.get();
    }

    public Snapshot snapshot() {
        return new Snapshot(state, people, peopleDone.get(), commands, refused.get(), rate);
    }
}
