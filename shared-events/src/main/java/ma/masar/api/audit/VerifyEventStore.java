package ma.masar.api.audit;

/** Asks the owner of the event store to recompute its hash chain and name every event that breaks it. */
public record VerifyEventStore() {
}
