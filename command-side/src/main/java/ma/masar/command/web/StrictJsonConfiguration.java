package ma.masar.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Request bodies are read strictly: an unknown field or a number where text belongs is a 400 naming the
 * field, not silently dropped. Only the HTTP converter is strict; Axon's serializer keeps Spring's lenient
 * mapper so that events of older revisions still read.
 */
@Configuration
class StrictJsonConfiguration implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                ObjectMapper strict = jackson.getObjectMapper().copy()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                        // {"sex":"MALE","sex":"FEMALE"} is a mistake to refuse, not a choice of the last key
                        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                // a date is text like 2010-02-01, never a number read as days since 1970
                strict.setDefaultLeniency(false);
                // a boolean or a number is not a name, and "40" is not a number
                for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Boolean,
                        CoercionInputShape.Integer, CoercionInputShape.Float}) {
                    strict.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
                }
                strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                // a number is not a date (Jackson would read 12345 as days since 1970)
                strict.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                strict.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                // an empty date is a mistake, not "no date"
                strict.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                jackson.setObjectMapper(strict);
            }
        }
    }
}
