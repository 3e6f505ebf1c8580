package ma.masar.api.common;

import org.axonframework.commandhandling.CommandExecutionException;

import java.util.Map;

/**
 * A command broke a business rule. Extends Axon's {@link CommandExecutionException} so that the
 * rule travels as the exception's details across a distributed command bus (Axon Server), not
 * only inside one JVM.
 */
public class RuleViolation extends CommandExecutionException {

    private final RuleBroken broken;

    public RuleViolation(Rule rule, String message) {
        this(rule, message, Map.of());
    }

    public RuleViolation(Rule rule, String message, Map<String, String> arguments) {
        super(rule.name() + ": " + message, null, new RuleBroken(rule, message, arguments));
        this.broken = new RuleBroken(rule, message, arguments);
    }

    public Rule rule() {
        return broken.rule();
    }

    public RuleBroken broken() {
        return broken;
    }

    /** The serializable part of a rule violation: the rule, a message in English, its arguments. */
    public record RuleBroken(Rule rule, String message, Map<String, String> arguments) {
    }
}
