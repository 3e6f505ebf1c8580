package ma.masar.query.infra;

import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch's pending writes after its last event is handled.
 * <p>
 * Why here and not in {@code onPrepareCommit}: the pooled streaming processor registers the storing of its token in
 * the prepare-commit phase before any handler runs, so writes registered there would run after the token is stored,
 * and a crash in between would lose them. Written while the last event is still being handled, a failure rolls the
 * batch back and the token stays where it was; a crash leaves the token behind the writes, and the projections'
 * writes are idempotent, so handling the batch again changes nothing that was written.
 * <p>
 * Also logs progress (counts only, never content) at most every ten seconds.
 */
public class WriteAtEndOfBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(WriteAtEndOfBatch.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    private final String processingGroup;
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile long lastLogNanos = System.nanoTime();
    private volatile long eventsAtLastLog;

    public WriteAtEndOfBatch(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        events.incrementAndGet();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            BatchWrites.writeAll(unitOfWork);
            batches.incrementAndGet();
            logProgress();
        }
        return result;
    }

    private void logProgress() {
        long now = System.nanoTime();
        if (now - lastLogNanos < LOG_EVERY_NANOS) {
            return;
        }
        long total = events.get();
        double perSecond = (total - eventsAtLastLog) / ((now - lastLogNanos) / 1e9);
        lastLogNanos = now;
        eventsAtLastLog = total;
        log.info("Read model [{}]: {} events in {} batches since start, {} events/s lately",
                 processingGroup, total, batches.get(), Math.round(perSecond));
    }
}
