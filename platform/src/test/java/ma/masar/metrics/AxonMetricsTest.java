package ma.masar.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
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
