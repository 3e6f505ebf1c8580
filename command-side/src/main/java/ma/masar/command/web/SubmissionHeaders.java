package ma.masar.command.web;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.List;

import static ma.masar.command.web.Submission.CORRELATION_ID;
import static ma.masar.command.web.Submission.IDEMPOTENCY_KEY;

/**
 * The one place that reads a command's {@link Submission} headers: a {@link Submission} parameter of an endpoint is
 * resolved from them, and every operation that takes one lists both optional headers in the API description
 * ({@code /v3/api-docs}), as each endpoint's own {@code @RequestHeader}s used to.
 */
@Configuration
class SubmissionHeaders implements WebMvcConfigurer {

    static {
        // the parameter is the two headers documented below, not a body or a query object
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Submission.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new Resolver());
    }

    @Bean
    OperationCustomizer submissionHeadersDocumented() {
        return (operation, handler) -> {
            if (takesSubmission(handler)) {
                operation.addParametersItem(header(IDEMPOTENCY_KEY)).addParametersItem(header(CORRELATION_ID));
            }
            return operation;
        };
    }

    private static boolean takesSubmission(HandlerMethod handler) {
        return Arrays.stream(handler.getMethodParameters())
                .anyMatch(parameter -> parameter.getParameterType() == Submission.class);
    }

    private static Parameter header(String name) {
        return new HeaderParameter().name(name).required(false).schema(new StringSchema());
    }

    private static final class Resolver implements HandlerMethodArgumentResolver {

        @Override
        public boolean supportsParameter(MethodParameter parameter) {
            return parameter.getParameterType() == Submission.class;
        }

        @Override
        public Submission resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                          NativeWebRequest request, WebDataBinderFactory binderFactory) {
            return new Submission(header(request, IDEMPOTENCY_KEY), header(request, CORRELATION_ID));
        }

        /** As {@code @RequestHeader(required = false) String} reads it: null if absent, repeated values joined by commas. */
        private static String header(NativeWebRequest request, String name) {
            String[] values = request.getHeaderValues(name);
            return values == null ? null : String.join(",", values);
        }
    }
}
