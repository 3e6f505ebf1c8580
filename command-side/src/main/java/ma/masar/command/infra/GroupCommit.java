package ma.masar.command.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Group commit for bulk loads (the demo population, a register's import): many commands in one transaction, so that
 * the embedded event store writes to disk once for all of them instead of once per command, the cost that bounds
 * ingest there (BENCHMARKS.md: one durable commit at a time, about 2 ms each).
 * <p>
 * Each command still goes through the command bus, its handler, its aggregate's rules and its interceptors, in a
 * unit of work of its own nested in the group's: Axon appends the events of nested units of work when the group's
 * commits, in the group's transaction, and none is acknowledged before that. A command refused by a rule makes the
 * transaction roll back whole; the group is then run again without it (and without the rest of its plan, which
 * depends on it), so one refusal costs one more transaction, never a command that was not refused. A lock or
 * concurrency conflict with another group is not a refusal. Two groups that share centres can each hold a centre the
 * other needs next; Axon breaks the cycle by failing one of them, or both at once ({@link DeadlockException}). A
 * group that failed rolls back, waits a random few milliseconds and runs again, together, up to
 * {@value #GROUP_ATTEMPTS} times in all; only then is it sent one command per transaction, each sent again after a
 * conflict. At a tenth of the 2010 population, 145 of about 720 groups met such a conflict, and each was recorded
 * one command per transaction before this retry: about a third of the loader's time (BENCHMARKS.md, "Conflicts,
 * sequences and keys"). Counted in {@value #CONFLICTS} by what followed ({@code together} or {@code alone}).
 * <p>
 * Every command, and so every event, carries {@value CommandAxonConfiguration#BULK_LOAD} in its metadata.
 * <p>
 * Only where commands are handled on the caller's thread ({@link SimpleCommandBus}, the embedded mode): with Axon
 * Server the handlers run elsewhere, and each command is sent on its own as before.
 */
@Component
public class GroupCommit {

    private static final int CONFLICT_ATTEMPTS = 5;
    /** A group that met a conflict runs together this often in all before its commands are sent one by one. */
    private static final int GROUP_ATTEMPTS = 3;
    /** The most a group waits, times its conflicts so far, before it runs again. */
    private static final long BACK_OFF_MILLIS = 20;
    public static final String CONFLICTS = "masar.group.commit.conflicts";

    private final CommandGateway gateway;
    private final TransactionManager transactionManager;
    private final boolean grouped;
    private final Counter againTogether;
    private final Counter thenAlone;

    public GroupCommit(CommandGateway gateway, CommandBus commandBus, TransactionManager transactionManager,
                       MeterRegistry meters) {
        this.gateway = gateway;
        this.transactionManager = transactionManager;
        this.grouped = commandBus instanceof SimpleCommandBus;
        this.againTogether = conflicts(meters, "together");
        this.thenAlone = conflicts(meters, "alone");
    }

    private static Counter conflicts(MeterRegistry meters, String then) {
        return Counter.builder(CONFLICTS)
                      .description("Group commits that met a lock or concurrency conflict with another, by what followed")
                      .tag("then", then)
                      .register(meters);
    }

    /** How far a plan went: its first {@code sent} commands were recorded; {@code refusal} stopped the rest. */
    public record Outcome(int sent, RuntimeException refusal) {
    }

    /**
     * Records these plans, each a list of commands where a refused one ends its plan (the later ones depend on it),
     * in one transaction where this mode allows; returns each plan's outcome, in order, once it is on disk.
     */
    public List<Outcome> run(List<List<CommandMessage<?>>> bulkPlans) {
        List<List<CommandMessage<?>>> plans = bulkPlans.stream().map(plan -> plan.stream().<CommandMessage<?>>map(
                command -> command.andMetaData(Map.of(CommandAxonConfiguration.BULK_LOAD, "true"))).toList()).toList();
        Outcome[] outcomes = new Outcome[plans.size()];
        if (!grouped) {
            for (int p = 0; p < plans.size(); p++) {
                outcomes[p] = alone(plans.get(p));
            }
            return Arrays.asList(outcomes);
        }
        List<Integer> pending = new ArrayList<>();
        int[] planned = new int[plans.size()];
        for (int p = 0; p < plans.size(); p++) {
            pending.add(p);
            planned[p] = plans.get(p).size();
        }
        int conflicts = 0;
        while (!pending.isEmpty()) {
            Refused refused = together(plans, pending, planned);
            if (refused == null) {
                pending.forEach(p -> outcomes[p] = kept(outcomes[p], new Outcome(planned[p], null)));
                return Arrays.asList(outcomes);
            }
            if (refused.transientConflict) {
                if (++conflicts < GROUP_ATTEMPTS && backedOff(conflicts)) {
                    againTogether.increment();
                    continue;
                }
                thenAlone.increment();
                pending.forEach(p -> outcomes[p] = kept(outcomes[p], alone(plans.get(p).subList(0, planned[p]))));
                return Arrays.asList(outcomes);
            }
            // the plan keeps the commands before the refused one; the group runs again with that
            planned[refused.plan] = refused.command;
            outcomes[refused.plan] = new Outcome(refused.command, refused.cause);
            if (refused.command == 0) {
                pending.remove(Integer.valueOf(refused.plan));
            }
        }
        return Arrays.asList(outcomes);
    }

    /**
     * Waits a random while before a group runs again after a conflict. Axon checks for a deadlock in each waiting
     * thread, so both groups of a cycle can fail at once; run again at once, they would take their first locks
     * together and meet again. False when interrupted: the group then goes one command at a time.
     */
    private static boolean backedOff(int conflicts) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1 + BACK_OFF_MILLIS * conflicts));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A plan refused part-way keeps that refusal once the commands before it are recorded. */
    private static Outcome kept(Outcome earlier, Outcome now) {
        return earlier != null && now.refusal() == null ? earlier : now;
    }

    private record Refused(int plan, int command, RuntimeException cause, boolean transientConflict) {
    }

    /** Runs the pending plans' commands in one transaction; null when it committed, else the first refusal. */
    private Refused together(List<List<CommandMessage<?>>> plans, List<Integer> pending, int[] planned) {
        UnitOfWork<?> group = DefaultUnitOfWork.startAndGet(null);
        group.attachTransaction(transactionManager);
        int plan = -1;
        int command = -1;
        try {
            for (int p : pending) {
                plan = p;
                for (command = 0; command < planned[p]; command++) {
                    gateway.sendAndWait(plans.get(p).get(command));
                }
            }
            plan = -1;
            group.commit();
            return null;
        } catch (RuntimeException e) {
            if (group.isActive()) {
                group.rollback(e);
            }
            return new Refused(Math.max(plan, 0), Math.max(command, 0), e, plan < 0 || conflict(e));
        }
    }

    private Outcome alone(List<CommandMessage<?>> plan) {
        for (int c = 0; c < plan.size(); c++) {
            try {
                sendRetryingConflicts(plan.get(c));
            } catch (RuntimeException e) {
                return new Outcome(c, e);
            }
        }
        return new Outcome(plan.size(), null);
    }

    /**
     * Sends one command, again after a lock conflict: a group holds its aggregates' locks until it commits, and Axon
     * breaks a cycle of waits by failing one of them (seen three times in 143,543 demo commands at scale 0.2).
     */
    private void sendRetryingConflicts(CommandMessage<?> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                gateway.sendAndWait(command);
                return;
            } catch (RuntimeException e) {
                if (!conflict(e) || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean conflict(RuntimeException e) {
        return e instanceof DeadlockException || e instanceof ConcurrencyException
               || e.getCause() instanceof DeadlockException;
    }
}
