package ma.masar.query.infra;

import com.mongodb.MongoInterruptedException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the read models park in their dead-letter queue: the events their handlers fail on, and not a read store that
 * was slow or away. A parked event parks its whole sequence, and the caseload's sequence is every event.
 */
class DeadLetterPolicyTest {

    private final GenericDeadLetter<EventMessage<?>> letter =
            new GenericDeadLetter<>("caseload", GenericEventMessage.asEventMessage("an event"));

    @Test
    void anEventItsHandlerFailsOnIsParkedWithItsAttemptCounted() {
        EnqueueDecision<EventMessage<?>> decision =
                ReadModelProcessors.countingAttempts().decide(letter, new IllegalStateException("no such centre"));

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.withDiagnostics(letter).diagnostics().get(ReadModelProcessors.ATTEMPTS)).isEqualTo(1L);
    }

    @Test
    void aHandlerStoppedByAxonsTimeoutIsRetriedByTheProcessorNotParked() {
        assertThatThrownBy(() -> ReadModelProcessors.countingAttempts().decide(
                letter, new AxonTimeoutException("Message [EnrolmentCompleted] for handler [CaseloadProjection] has timed out")))
                .isInstanceOf(AxonTimeoutException.class);
    }

    @Test
    void aReadStoreCallInterruptedByThatTimeoutIsRetriedToo() {
        RuntimeException wrapped = new RuntimeException("batch write failed",
                new MongoInterruptedException("Interrupted waiting for the server", new InterruptedException()));

        assertThatThrownBy(() -> ReadModelProcessors.countingAttempts().decide(letter, wrapped))
                .isInstanceOf(MongoInterruptedException.class);
    }
}
