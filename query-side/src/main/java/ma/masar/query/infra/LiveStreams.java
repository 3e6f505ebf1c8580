package ma.masar.query.infra;

import java.io.IOException;
import java.time.Duration;

import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

/**
 * Turns a subscription query into Server-Sent Events: the initial answer, then every update, each as one event of
 * the given name. Closing the connection cancels the subscription.
 */
public final class LiveStreams {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private LiveStreams() {
    }

    public static <T> SseEmitter stream(SubscriptionQueryResult<T, T> subscription, String eventName) {
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Disposable sending = subscription.initialResult()
                .concatWith(subscription.updates())
                .subscribe(answer -> send(emitter, eventName, answer, subscription),
                           error -> {
                               subscription.cancel();
                               emitter.completeWithError(error);
                           },
                           emitter::complete);
        Runnable stop = () -> {
            sending.dispose();
            subscription.cancel();
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        return emitter;
    }

    private static void send(SseEmitter emitter, String eventName, Object answer,
                             SubscriptionQueryResult<?, ?> subscription) {
        try {
            emitter.send(SseEmitter.event().name(eventName).data(answer));
        } catch (IOException | IllegalStateException e) {
            // the client went away
            subscription.cancel();
        }
    }
}
