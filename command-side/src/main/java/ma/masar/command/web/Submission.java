package ma.masar.command.web;

import ma.masar.access.RequestShape;

/**
 * What a client sends with a command besides its body: the {@code Idempotency-Key} that makes a retry answer as the
 * first request did and store nothing twice ({@link IdempotencyKeys}), and the {@code X-Correlation-Id} that every
 * event the command causes records ({@link CommandSender}). Either may be absent (null). A command endpoint takes it
 * as a parameter, read from the two headers ({@link SubmissionHeaders}) after {@link RequestShape} has checked them.
 */
public record Submission(String idempotencyKey, String correlationId) {

    /** The headers' names, as {@link RequestShape} checks them. */
    public static final String IDEMPOTENCY_KEY = RequestShape.IDEMPOTENCY_KEY;
    public static final String CORRELATION_ID = RequestShape.CORRELATION_ID;
}
