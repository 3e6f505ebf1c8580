package ma.masar.command.web;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every command endpoint does once it has read its request: run the command once per {@code Idempotency-Key}
 * ({@link IdempotencyKeys}: a retry gets the first answer), send it with the request's correlation id
 * ({@link CommandSender}), and answer. The command is built inside the idempotent run, so a replay builds nothing.
 * {@code request} is what a retry with the same key must repeat (its fingerprint): the path's ids and the body.
 */
@Component
public class Submissions {

    private final IdempotencyKeys idempotency;
    private final CommandSender commands;

    Submissions(IdempotencyKeys idempotency, CommandSender commands) {
        this.idempotency = idempotency;
        this.commands = commands;
    }

    /** Sends the command; answers 204 No Content. */
    public ResponseEntity<Object> noContent(Submission submission, Object request, Supplier<?> command) {
        return send(submission, request, command, () -> ResponseEntity.noContent().build());
    }

    /**
     * Records something new: its identifier, derived from the key for {@code purpose} ({@link IdempotencyKeys#idFor}),
     * goes into the command; answers 201 Created at {@code location} of that id, with {@code {"<idField>": id}}.
     */
    public ResponseEntity<Object> created(Submission submission, Object request, String purpose,
                                          Function<String, ?> command, Function<String, String> location,
                                          String idField) {
        return idempotency.execute(submission.idempotencyKey(), request, () -> {
            String id = idempotency.idFor(submission.idempotencyKey(), purpose);
            commands.send(command.apply(id), submission.correlationId());
            return ResponseEntity.created(URI.create(location.apply(id))).body(Map.of(idField, id));
        });
    }

    /** Sends the command, then gives the endpoint's own answer. */
    public ResponseEntity<Object> send(Submission submission, Object request, Supplier<?> command,
                                       Supplier<ResponseEntity<Object>> answer) {
        return idempotency.execute(submission.idempotencyKey(), request, () -> {
            commands.send(command.get(), submission.correlationId());
            return answer.get();
        });
    }
}
