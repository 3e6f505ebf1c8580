package ma.masar.metrics;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The meters of Axon's message monitors for one component, as Axon's {@code MessageTimerMonitor},
 * {@code MessageCountingMonitor}, {@code CapacityMonitor} and, for an event processor,
 * {@code EventProcessorLatencyMonitor} register and update them (the same names, tags, types and timer settings), with
 * each tag set's meters looked up once and kept.
 * <p>
 * Axon's monitors look their meters up in the registry at every message: four timers, five counters and two gauges,
 * each a new meter id hashed and compared with the registry's. Every read model's processor monitors every event of
 * the stream, the ones it ignores too, so in a rebuild of the six read models at the 2010 population that was 7
 * million messages, and 9% of the process's CPU samples in a profile of that rebuild (BENCHMARKS.md, "Metrics looked
 * up once"). Here a message costs its tags (Axon's tag function, as before) and one look-up of them in a map.
 * <p>
 * Capacity is the time spent handling messages over the last {@code window}, divided by the window, as Axon's; the
 * window is kept as {@value BusyTime#SLOTS} slots instead of one entry per message.
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final String name;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> tags;
    private final Function<Message<?>, Iterable<Tag>> latencyTags;
    private final long windowNanos;
    private final Clock clock;
    private final Map<Tags, Meters> meters = new ConcurrentHashMap<>();
    private final Map<Tags, AtomicLong> latencies = new ConcurrentHashMap<>();

    /** A bus's or an emitter's meters: timers, counters and capacity. */
    static MessageMeters handlers(String name, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags,
                                  Duration window) {
        return new MessageMeters(name, registry, tags, null, window, Clock.SYSTEM);
    }

    /**
     * An event processor's: those of a bus, and its latency (how old the last event handled was) by
     * {@code latencyTags}.
     */
    static MessageMeters eventProcessor(String name, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags,
                                        Function<Message<?>, Iterable<Tag>> latencyTags, Duration window) {
        return new MessageMeters(name, registry, tags, latencyTags, window, Clock.SYSTEM);
    }

    private MessageMeters(String name, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags,
                          Function<Message<?>, Iterable<Tag>> latencyTags, Duration window, Clock clock) {
        this.name = name;
        this.registry = registry;
        this.tags = tags;
        this.latencyTags = latencyTags;
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Tags tagged = Tags.of(tags.apply(message));
        Meters of = meters.get(tagged);
        if (of == null) {
            of = meters.computeIfAbsent(tagged, this::register);
        }
        if (latencyTags != null && message instanceof EventMessage<?> event) {
            Tags latencyTagged = Tags.of(latencyTags.apply(message));
            AtomicLong latency = latencies.get(latencyTagged);
            if (latency == null) {
                latency = latencies.computeIfAbsent(latencyTagged, this::registerLatency);
            }
            latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        of.ingested.increment();
        return new Handling(of, clock.monotonicTime());
    }

    private Meters register(Tags tagged) {
        BusyTime busy = new BusyTime(windowNanos, clock);
        registry.gauge(name + ".capacity", tagged, busy, BusyTime::capacity);
        return new Meters(timer("allTimer", tagged), timer("successTimer", tagged), timer("failureTimer", tagged),
                          timer("ignoredTimer", tagged), registry.counter(name + ".ingestedCounter", tagged),
                          registry.counter(name + ".successCounter", tagged),
                          registry.counter(name + ".failureCounter", tagged),
                          registry.counter(name + ".processedCounter", tagged),
                          registry.counter(name + ".ignoredCounter", tagged), busy);
    }

    /** As Axon's {@code MessageTimerMonitor} builds its timers. */
    private Timer timer(String kind, Tags tagged) {
        return Timer.builder(name + "." + kind)
                    .distributionStatisticExpiry(Duration.of(10, ChronoUnit.MINUTES))
                    .publishPercentiles(PERCENTILES)
                    .tags(tagged)
                    .register(registry);
    }

    private AtomicLong registerLatency(Tags tagged) {
        AtomicLong latency = new AtomicLong();
        Gauge.builder(name + ".latency", latency::get).tags(tagged).register(registry);
        return latency;
    }

    private record Meters(Timer all, Timer success, Timer failure, Timer ignored, Counter ingested,
                          Counter succeeded, Counter failed, Counter processed, Counter ignoredCount, BusyTime busy) {
    }

    private final class Handling implements MonitorCallback {

        private final Meters meters;
        private final long start;

        Handling(Meters meters, long start) {
            this.meters = meters;
            this.start = start;
        }

        private long took() {
            long took = clock.monotonicTime() - start;
            meters.all.record(took, TimeUnit.NANOSECONDS);
            meters.busy.add(took);
            return took;
        }

        @Override
        public void reportSuccess() {
            meters.success.record(took(), TimeUnit.NANOSECONDS);
            meters.processed.increment();
            meters.succeeded.increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            meters.failure.record(took(), TimeUnit.NANOSECONDS);
            meters.processed.increment();
            meters.failed.increment();
        }

        @Override
        public void reportIgnored() {
            meters.ignored.record(took(), TimeUnit.NANOSECONDS);
            meters.ignoredCount.increment();
        }
    }

    /**
     * The time spent handling over a sliding window, in {@value #SLOTS} slots: each slot adds up what ended in its
     * share of the window, and is emptied when its turn comes again.
     */
    static final class BusyTime {

        static final int SLOTS = 15;

        private final long windowNanos;
        private final long slotNanos;
        private final Clock clock;
        private final long[] sums = new long[SLOTS];
        private final long[] slotOf = new long[SLOTS];

        BusyTime(long windowNanos, Clock clock) {
            this.windowNanos = windowNanos;
            this.slotNanos = Math.max(1, windowNanos / SLOTS);
            this.clock = clock;
            Arrays.fill(slotOf, Long.MIN_VALUE);
        }

        synchronized void add(long nanos) {
            long slot = clock.monotonicTime() / slotNanos;
            int at = (int) Math.floorMod(slot, (long) SLOTS);
            if (slotOf[at] != slot) {
                slotOf[at] = slot;
                sums[at] = 0;
            }
            sums[at] += nanos;
        }

        /** The busy share of the window: 1 is one thread busy all the time. */
        synchronized double capacity() {
            long now = clock.monotonicTime() / slotNanos;
            long busy = 0;
            for (int at = 0; at < SLOTS; at++) {
                if (slotOf[at] > now - SLOTS && slotOf[at] <= now) {
                    busy += sums[at];
                }
            }
            return busy / (double) windowNanos;
        }
    }
}
