package ma.masar.command.infra;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.ExecutionResult;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.Optional;

/**
 * Counts every handled command by type and outcome ({@code masar.commands}) and every refusal by the rule it broke
 * ({@code masar.refusals}). Outcomes: {@code success}; {@code refused}, a business rule said no (what users see as
 * problem JSON with a {@code rule}); {@code not_found}, the command names nothing recorded; {@code failed}, anything
 * else: what deserves an operator's look. The outcome is taken when the unit of work ends, not when
 * the handler returns: a command whose events cannot be stored (a concurrent change) is not a success.
 * <p>
 * A handler interceptor runs where the command is handled, so behind Axon Server it counts on the command side
 * that actually decided, once per command.
 */
public class CommandOutcomes implements MessageHandlerInterceptor<CommandMessage<?>> {

    public static final String COMMANDS = "masar.commands";
    public static final String REFUSALS = "masar.refusals";

    private final MeterRegistry meters;

    public CommandOutcomes(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.afterCommit(u -> record(command, u.getExecutionResult()));
        unitOfWork.onRollback(u -> record(command, u.getExecutionResult()));
        return interceptorChain.proceed();
    }

    private void record(String command, ExecutionResult result) {
        if (result == null || !result.isExceptionResult()) {
            count(command, "success");
            return;
        }
        Optional<Rule> rule = brokenRule(result.getExceptionResult());
        if (rule.isPresent()) {
            count(command, "refused");
            Counter.builder(REFUSALS)
                   .description("Commands refused, by the business rule they broke")
                   .tag("rule", rule.get().name())
                   .tag("command", command)
                   .register(meters)
                   .increment();
        } else if (isNotFound(result.getExceptionResult())) {
            count(command, "not_found");
        } else {
            count(command, "failed");
        }
    }

    private void count(String command, String outcome) {
        Counter.builder(COMMANDS)
               .description("Commands handled, by type and outcome (success, refused, not_found, failed)")
               .tag("command", command)
               .tag("outcome", outcome)
               .register(meters)
               .increment();
    }

    /** The rule a failure names, as the API reports it: a concurrent change is refused as ConcurrentChange too. */
    static Optional<Rule> brokenRule(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RuleViolation violation) {
                return Optional.of(violation.rule());
            }
            if (t instanceof CommandExecutionException remote
                    && remote.getDetails().orElse(null) instanceof RuleViolation.RuleBroken broken) {
                return Optional.of(broken.rule());
            }
            if (t instanceof ConcurrencyException) {
                return Optional.of(Rule.ConcurrentChange);
            }
        }
        return Optional.empty();
    }

    private static boolean isNotFound(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }
}
