package ma.masar.command.infra;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.common.ProgrammeType;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.List;
import java.util.function.BiFunction;

/**
 * Counts enrolments per programme ({@code masar.enrolments}) as their events are published on the command side.
 * A move to apprenticeship opens an apprenticeship enrolment, so it counts as one in APPRENTICESHIP.
 * <p>
 * A dispatch interceptor on the event bus rather than an event handler: no processing group, no token, nothing
 * replayed. It counts after the unit of work commits, so events that were never stored are not counted. The count
 * lives in this process only (it starts at zero at every start): Prometheus' {@code increase()} copes with that;
 * the totals of record are the query side's counts.
 */
public class EnrolmentCount implements MessageDispatchInterceptor<EventMessage<?>> {

    public static final String ENROLMENTS = "masar.enrolments";

    private final MeterRegistry meters;

    public EnrolmentCount(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        List<ProgrammeType> programmes = messages.stream()
                                                 .map(EnrolmentCount::programmeEntered)
                                                 .filter(java.util.Objects::nonNull)
                                                 .toList();
        if (!programmes.isEmpty()) {
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(u -> programmes.forEach(this::count));
            } else {
                programmes.forEach(this::count);
            }
        }
        return (index, message) -> message;
    }

    private static ProgrammeType programmeEntered(EventMessage<?> message) {
        Class<?> type = message.getPayloadType();
        if (type == EnrolledInProgramme.class) {
            return ((EnrolledInProgramme) message.getPayload()).placement().programme();
        }
        if (type == MovedToApprenticeship.class) {
            return ((MovedToApprenticeship) message.getPayload()).apprenticeship().programme();
        }
        return null;
    }

    private void count(ProgrammeType programme) {
        Counter.builder(ENROLMENTS)
               .description("Enrolments recorded, by programme")
               .tag("programme", programme.name())
               .register(meters)
               .increment();
    }
}
