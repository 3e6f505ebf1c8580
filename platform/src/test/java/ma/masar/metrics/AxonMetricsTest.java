package ma.masar.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class AxonMetricsTest {

    @Test
    void aProcessorsCapacityForgetsWhatItHandledOnceTheWindowHasPassed() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        MessageMonitor<Message<?>> timeline = monitor(new AxonMetrics.ShortCapacityWindow(meters, Duration.ofMillis(300)),
                                                      EventProcessor.class, "timeline");

        MessageMonitor.MonitorCallback handling = timeline.onMessageIngested(GenericEventMessage.asEventMessage("x"));
        Thread.sleep(100);
        handling.reportSuccess();
        assertThat(capacity(meters)).as("busy for about a third of the window").isGreaterThan(0.1);

        Thread.sleep(400);
        assertThat(capacity(meters)).as("after the window, nothing is kept").isZero();
    }

    @Test
    void exposesTheSameMetersAsAxonsOwnRegistry() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        feedEveryComponent(new GlobalMetricRegistry(axons));
        feedEveryComponent(new AxonMetrics.ShortCapacityWindow(ours, Duration.ofSeconds(15)));

        assertThat(ids(ours)).isNotEmpty().isEqualTo(ids(axons));
        assertThat(ids(ours)).anyMatch(id -> id.startsWith("eventProcessor.capacity[") && id.contains("timeline"));
    }

    @Test
    void countsAndTimesWhatAxonsOwnMonitorsWould() {
        MeterRegistry axons = new SimpleMeterRegistry();
        MeterRegistry ours = new SimpleMeterRegistry();
        handleTheSameMessages(new GlobalMetricRegistry(axons));
        handleTheSameMessages(new AxonMetrics.ShortCapacityWindow(ours, Duration.ofSeconds(15)));

        assertThat(counts(ours)).isEqualTo(counts(axons));
        String strings = "[tag(payloadType=String), tag(processorName=timeline)]";
        assertThat(counts(ours)).containsEntry("eventProcessor.ingestedCounter" + strings, 2.0)
                                .containsEntry("eventProcessor.successCounter" + strings, 1.0)
                                .containsEntry("eventProcessor.failureTimer" + strings, 1.0)
                                .containsEntry("eventProcessor.ignoredTimer" + strings.replace("String", "Integer"), 1.0)
                                .containsEntry("commandBus.failureCounter[tag(payloadType=String)]", 1.0);
        assertThat(ours.get("eventProcessor.latency").gauge().value())
                .as("how old the last event handled was, in ms").isBetween(60_000.0, 70_000.0);
        assertThat(ours.get("eventProcessor.capacity").tag("payloadType", "String").gauge().value()).isPositive();
    }

    /** Three events for the timeline (handled, failed, ignored), two commands (handled, failed). */
    private static void handleTheSameMessages(GlobalMetricRegistry registry) {
        MessageMonitor<Message<?>> timeline = monitor(registry, EventProcessor.class, "timeline");
        timeline.onMessageIngested(GenericEventMessage.asEventMessage("an event")).reportSuccess();
        timeline.onMessageIngested(GenericEventMessage.asEventMessage("a failing event"))
                .reportFailure(new IllegalStateException("failed"));
        Instant aMinuteAgo = Instant.now().minusSeconds(65);
        timeline.onMessageIngested(new GenericEventMessage<>(new GenericMessage<>(7), () -> aMinuteAgo))
                .reportIgnored();
        MessageMonitor<Message<?>> commands = monitor(registry, CommandBus.class, "commandBus");
        commands.onMessageIngested(GenericCommandMessage.asCommandMessage("a command")).reportSuccess();
        commands.onMessageIngested(GenericCommandMessage.asCommandMessage("a refused command"))
                .reportFailure(new IllegalArgumentException("refused"));
    }

    /** Each counter's count and each timer's number of measures, by meter id. */
    private static Map<String, Double> counts(MeterRegistry meters) {
        Map<String, Double> counts = new TreeMap<>();
        for (Meter meter : meters.getMeters()) {
            String id = meter.getId().getName() + meter.getId().getTags();
            if (meter instanceof Counter counter) {
                counts.put(id, counter.count());
            } else if (meter instanceof Timer timer) {
                counts.put(id, (double) timer.count());
            }
        }
        return counts;
    }

    private static void feedEveryComponent(GlobalMetricRegistry registry) {
        monitor(registry, EventProcessor.class, "timeline")
                .onMessageIngested(GenericEventMessage.asEventMessage("an event")).reportSuccess();
        monitor(registry, CommandBus.class, "commandBus")
                .onMessageIngested(GenericCommandMessage.asCommandMessage("a command")).reportSuccess();
        monitor(registry, QueryBus.class, "queryBus")
                .onMessageIngested(new GenericQueryMessage<>("a query", ResponseTypes.instanceOf(String.class))).reportSuccess();
        monitor(registry, QueryUpdateEmitter.class, "queryUpdateEmitter")
                .onMessageIngested(GenericEventMessage.asEventMessage("an update")).reportSuccess();
    }

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> monitor(GlobalMetricRegistry registry, Class<?> type, String name) {
        return (MessageMonitor<Message<?>>) registry.registerComponentWithDefaultTags(type, name);
    }

    private static double capacity(MeterRegistry meters) {
        return meters.get("eventProcessor.capacity").gauge().value();
    }

    private static Set<String> ids(MeterRegistry meters) {
        Set<String> ids = new TreeSet<>();
        for (Meter meter : meters.getMeters()) {
            ids.add(meter.getId().getName() + meter.getId().getTags() + meter.getId().getType());
        }
        return ids;
    }
}
