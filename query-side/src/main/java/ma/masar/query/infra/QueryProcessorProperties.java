package ma.masar.query.infra;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What Axon's own processor settings do not cover: where a read model starts when it has no token yet. {@code tail}
 * (the default) builds it from the first event; {@code head} only follows new events.
 */
@ConfigurationProperties(prefix = "masar.query")
public class QueryProcessorProperties {

    private Map<String, Processor> processors = new LinkedHashMap<>();

    public Map<String, Processor> getProcessors() {
        return processors;
    }

    public void setProcessors(Map<String, Processor> processors) {
        this.processors = processors;
    }

    public Processor processor(String name) {
        return processors.getOrDefault(name, new Processor());
    }

    public enum InitialToken { TAIL, HEAD }

    public static class Processor {

        private InitialToken initialToken = InitialToken.TAIL;

        public InitialToken getInitialToken() {
            return initialToken;
        }

        public void setInitialToken(InitialToken initialToken) {
            this.initialToken = initialToken;
        }
    }
}
