package ma.masar.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.function.Function;

/**
 * Axon's message metrics as its Spring Boot support registers them (timers, counters, processor latency, capacity,
 * with the same names and tags, which the Grafana dashboard reads), with two changes: capacity is measured over a short
 * window ({@code masar.metrics.capacity-window}, 15 s, Prometheus' scrape interval) instead of Axon's 10 minutes, and
 * a component's meters are looked up once per tag set instead of at every message ({@link MessageMeters}).
 * <p>
 * Axon's capacity monitor keeps every handled message's duration for its whole window, one entry per message in a
 * sorted map: per read model per event, per command, per query. At the agency's volume that was 4.4 million entries
 * (374 MB, 65% of the live heap) during a rebuild. Each lived long enough to be copied by the young collections and
 * moved to the old generation before it expired: the collector spent 24% of the rebuild's time in pauses of about
 * 100 ms (BENCHMARKS.md, "What the heap held").
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
                     "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"},
        beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
@ConditionalOnClass(GlobalMetricRegistry.class)
public class AxonMetrics {

    /** Replaces Axon's own registry, which it declares only when there is none; like Axon's, only beside meters. */
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry meters,
                                              @Value("${masar.metrics.capacity-window:15s}") Duration capacityWindow) {
        return new ShortCapacityWindow(meters, capacityWindow);
    }

    static final class ShortCapacityWindow extends GlobalMetricRegistry {

        private final Duration window;

        ShortCapacityWindow(MeterRegistry meters, Duration window) {
            super(meters);
            this.window = window;
        }

        @Override
        public MessageMonitor<? super org.axonframework.eventhandling.EventMessage<?>> registerEventProcessor(
                String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
            return MessageMeters.eventProcessor(name, getRegistry(), tags, latencyTags, window);
        }

        @Override
        public MessageMonitor<? super org.axonframework.commandhandling.CommandMessage<?>> registerCommandBus(
                String name, Function<Message<?>, Iterable<Tag>> tags) {
            return handlers(name, tags);
        }

        @Override
        public MessageMonitor<? super org.axonframework.queryhandling.QueryMessage<?, ?>> registerQueryBus(
                String name, Function<Message<?>, Iterable<Tag>> tags) {
            return handlers(name, tags);
        }

        @Override
        public MessageMonitor<? extends Message<?>> registerComponentWithDefaultTags(Class<?> type, String name) {
            return QueryUpdateEmitter.class.isAssignableFrom(type)
                    ? handlers(name, TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION)
                    : super.registerComponentWithDefaultTags(type, name);
        }

        /** What Axon registers for a command bus, a query bus and a query update emitter. */
        private MessageMonitor<Message<?>> handlers(String name, Function<Message<?>, Iterable<Tag>> tags) {
            return MessageMeters.handlers(name, getRegistry(), tags, window);
        }
    }
}
