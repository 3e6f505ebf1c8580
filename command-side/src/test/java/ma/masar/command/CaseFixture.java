package ma.masar.command;

import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.time.AgencyTime;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Given-when-then over the real aggregates and the handlers that span two of them (enrolment changes
 * a case and a centre), on an in-memory event store. Axon's AggregateTestFixture covers one aggregate;
 * this covers the rules that need both.
 */
public class CaseFixture {

    public static final LocalDate TODAY = LocalDate.of(2010, 6, 15);

    private final Configuration axon;
    private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
    private int eventsBeforeWhen;

    public CaseFixture(Consumer<Configurer> registrations) {
        Clock clock = Clock.fixed(Instant.parse("2010-06-15T10:00:00Z"), AgencyTime.ZONE);
        Configurer configurer = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> storage)
                .registerComponent(Clock.class, c -> clock);
        registrations.accept(configurer);
        axon = configurer.buildConfiguration();
        axon.start();
    }

    public CaseFixture given(Object... commands) {
        Stream.of(commands).forEach(this::send);
        return this;
    }

    public <R> R send(Object command) {
        return gateway().sendAndWait(command);
    }

    /** Runs the command and returns the events it stored. */
    public List<Object> when(Object command) {
        eventsBeforeWhen = allEvents().size();
        send(command);
        return allEvents().subList(eventsBeforeWhen, allEvents().size()).stream()
                .map(EventMessage::getPayload).collect(Collectors.toList());
    }

    /** Asserts the command is refused for the named rule and stores nothing. */
    public void whenRefused(Object command, Rule rule) {
        int before = allEvents().size();
        assertThatThrownBy(() -> send(command))
                .isInstanceOf(RuleViolation.class)
                .satisfies(e -> assertThat(((RuleViolation) e).rule()).isEqualTo(rule));
        assertThat(allEvents()).as("a refused command stores no event").hasSize(before);
    }

    public List<? extends EventMessage<?>> allEvents() {
        return storage.readEvents(null, false).toList();
    }

    public List<? extends DomainEventMessage<?>> eventsOf(String aggregateId) {
        return eventStore().readEvents(aggregateId).asStream().toList();
    }

    public EventStore eventStore() {
        return axon.eventStore();
    }

    public CommandGateway gateway() {
        return axon.commandGateway();
    }

    public void stop() {
        axon.shutdown();
    }
}
