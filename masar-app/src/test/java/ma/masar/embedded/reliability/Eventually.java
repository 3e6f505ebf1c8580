package ma.masar.embedded.reliability;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** Read models follow the event store a little later: polls until they say what is expected, or fails saying what they said. */
final class Eventually {

    private Eventually() {
    }

    /** Returns how long it took. */
    static <T> Duration equals(String what, T expected, Supplier<T> actual, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        T last = actual.get();
        while (!Objects.equals(expected, last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": expected " + expected + " within " + timeout + " but was " + last);
            }
            sleep(100);
            last = actual.get();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
