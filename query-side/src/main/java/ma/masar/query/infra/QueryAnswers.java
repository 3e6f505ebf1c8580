package ma.masar.query.infra;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a query's answer in a controller, and lets the query handler's own exceptions through unwrapped. */
public final class QueryAnswers {

    private static final long TIMEOUT_SECONDS = 30;

    private QueryAnswers() {
    }

    public static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a query", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Query timed out after " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
