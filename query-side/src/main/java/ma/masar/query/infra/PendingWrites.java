package ma.masar.query.infra;

/**
 * The writes a projection collects while it handles one batch of events. They are written together, while the batch
 * is still being handled, so that the processor stores its token only after they are in the read store.
 */
public interface PendingWrites {

    void write();
}
