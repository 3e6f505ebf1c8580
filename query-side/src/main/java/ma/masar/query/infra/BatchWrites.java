package ma.masar.query.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps a projection's {@link PendingWrites} for the batch of events in the current unit of work, as a resource of
 * the root unit of work, so that they are dropped with it when the batch is rolled back.
 */
public final class BatchWrites {

    private static final String RESOURCE = BatchWrites.class.getName();

    private BatchWrites() {
    }

    /** The pending writes named {@code name} of the current batch, created on first use. */
    public static <W extends PendingWrites> W of(String name, Class<W> type, Supplier<W> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("Projections write in batches and need a unit of work");
        }
        Map<String, PendingWrites> writes =
                CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> new LinkedHashMap<>());
        return type.cast(writes.computeIfAbsent(name, key -> create.get()));
    }

    /**
     * The events of the batch being handled (one, outside a batching processor), so that a projection can read at
     * once, before its first event, every document the batch will change.
     */
    public static List<EventMessage<?>> messagesOfBatch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages().stream().<EventMessage<?>>map(message -> (EventMessage<?>) message).toList();
        }
        return List.of((EventMessage<?>) root.getMessage());
    }

    /** Writes everything the batch of {@code unitOfWork} collected, and forgets it. */
    public static void writeAll(UnitOfWork<?> unitOfWork) {
        Object writes = unitOfWork.root().resources().remove(RESOURCE);
        if (writes != null) {
            for (PendingWrites pending : castWrites(writes).values()) {
                pending.write();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, PendingWrites> castWrites(Object writes) {
        return (Map<String, PendingWrites>) writes;
    }
}
