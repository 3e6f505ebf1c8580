package ma.masar.query.infra;

import org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18: a query that cannot be routed while Axon Server is away used to answer 500 with Spring's default body.
 * It is a 503 problem, in the reader's language, that says to come back ({@code Retry-After}).
 */
class MessagingOutageProblemTest {

    private final QueryProblems problems = new QueryProblems(bundles());

    @Test
    void aQueryAxonServerCouldNotRouteIsA503ToRetryInTheReadersLanguage() {
        LocaleContextHolder.setLocale(Locale.FRENCH);
        try {
            ResponseEntity<ProblemDetail> answer = problems.messagingUnavailable(
                    new AxonServerQueryDispatchException("AXONIQ-4002", "No connection to Axon Server"));
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getBody().getType().toString()).endsWith("/MessagingUnavailable");
            assertThat(answer.getBody().getTitle()).isEqualTo("Temporairement indisponible");
            assertThat(answer.getBody().getDetail()).contains("Axon Server").doesNotContain("AXONIQ");

            LocaleContextHolder.setLocale(Locale.forLanguageTag("ar"));
            ResponseEntity<ProblemDetail> arabic = problems.messagingUnavailable(
                    new NoHandlerForQueryException("no handler"));
            assertThat(arabic.getStatusCode().value()).isEqualTo(503);
            assertThat(arabic.getBody().getTitle()).isEqualTo("غير متاح مؤقتاً");
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/problems");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
