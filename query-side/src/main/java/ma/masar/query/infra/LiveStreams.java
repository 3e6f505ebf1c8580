package ma.masar.query.infra;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;

/**
 * Turns a subscription query into Server-Sent Events: the initial answer, then every update, each as one event of
 * the given name. Closing the connection cancels the subscription.
 * <p>
 * The streams open are remembered until they end, so that a stop can end them ({@link LiveStreamsAtStop}): an open
 * stream is an async request the web server's graceful shutdown would otherwise wait for (30 s, then abort).
 */
public final class LiveStreams {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Set<SseEmitter> OPEN = ConcurrentHashMap.newKeySet();

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
            OPEN.remove(emitter);
            sending.dispose();
            subscription.cancel();
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(error -> stop.run());
        OPEN.add(emitter);
        return emitter;
    }

    /** Ends every open stream (the client sees the stream end; a browser's EventSource would try again later). */
    static int completeAll() {
        int ended = 0;
        for (SseEmitter emitter : OPEN) {
            OPEN.remove(emitter);
            emitter.complete();
            ended++;
        }
        return ended;
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
