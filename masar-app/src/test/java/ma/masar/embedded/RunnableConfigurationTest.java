package ma.masar.embedded;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What each runnable reads from its settings files, per profile, resolved by Spring Boot as at a real start but with
 * no bean of ours. The production stack (Axon Server, MongoDB, Keycloak in compose) cannot run on our machines, so
 * this pins what it is configured to connect to: a settings file moved or merged must give every runnable the same
 * answers. Environment variables are not set here, so the compose defaults written in the files show.
 */
class RunnableConfigurationTest {

    private static final String COMPOSE_MONGODB = "mongodb://mongodb:27017/masar?replicaSet=rs0";
    private static final String COMPOSE_KEYCLOAK_KEYS = "http://keycloak:8080/realms/masar/protocol/openid-connect/certs";

    /** No bean: only the environment is of interest. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    @Test
    void theCommandServiceInProductionUsesAxonServerAndComposeMongoDbAndNoDataSource() {
        ConfigurableEnvironment env = environment("masar-command", null, "axonserver");
        assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("true");
        assertThat(env.getProperty("axon.axonserver.servers")).isEqualTo("axonserver:8124");
        assertThat(env.getProperty("axon.axonserver.component-name")).isEqualTo("masar-command");
        assertThat(env.getProperty("spring.data.mongodb.uri")).isEqualTo(COMPOSE_MONGODB);
        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                .isEqualTo(COMPOSE_KEYCLOAK_KEYS);
        assertThat(excludedAutoConfiguration(env)).contains(DataSourceAutoConfiguration.class.getName());
        assertThat(env.getProperty("server.port")).isEqualTo("8081");
        assertThat(env.getProperty("masar.command.database")).isEqualTo("masar_commands");
    }

    @Test
    void theCommandServiceWithoutAProfileKeepsItsEmbeddedEventStore() {
        ConfigurableEnvironment env = environment("masar-command", null);
        assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("false");
        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:./data/events;WRITE_DELAY=0");
        assertThat(excludedAutoConfiguration(env)).isEmpty();
    }

    @Test
    void theQueryServiceIsAProductionNodeByDefaultAndAnswersFromItsOwnHandlers() {
        ConfigurableEnvironment env = environment("masar-query", "axonserver");
        assertThat(env.getActiveProfiles()).isEmpty();
        assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("true");
        assertThat(env.getProperty("axon.axonserver.component-name")).isEqualTo("masar-query");
        assertThat(env.getProperty("axon.axonserver.shortcut-queries-to-local-handlers")).isEqualTo("true");
        assertThat(env.getProperty("spring.data.mongodb.uri")).isEqualTo(COMPOSE_MONGODB);
        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"))
                .isEqualTo(COMPOSE_KEYCLOAK_KEYS);
        assertThat(env.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(env.getProperty("axon.eventhandling.processors.search.batch-size")).isEqualTo("1000");
    }

    @Test
    void theEmbeddedApplicationHasBothSidesSettingsAndItsOwnStandIns() {
        ConfigurableEnvironment env = environment(null, null);
        assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("false");
        assertThat(env.getProperty("spring.application.name")).isEqualTo("masar");
        assertThat(env.getProperty("spring.datasource.url")).startsWith("jdbc:h2:file:./data/events;WRITE_DELAY=0");
        assertThat(env.getProperty("spring.messages.basename")).isEqualTo("i18n/rules,i18n/problems,i18n/timeline,i18n/ui");
        assertThat(env.getProperty("masar.demo.enabled")).isEqualTo("true");
        assertThat(env.getProperty("masar.security.users[0].username")).isEqualTo("worker");
        // each side's own settings are there: the command side's key processor, the query side's read models
        assertThat(env.getProperty("axon.eventhandling.processors.personal-data-keys.mode")).isEqualTo("pooled");
        assertThat(env.getProperty("axon.eventhandling.processors.caseload.sequencing-policy"))
                .isEqualTo("sequentialInGlobalOrder");
        assertThat(env.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
        assertThat(env.getProperty("server.port")).isEqualTo("8080");
        assertThat(excludedAutoConfiguration(env)).isEmpty();
    }

    @Test
    void theApplicationAsAProductionNodeIsNamedMasarLogsInThroughKeycloakAndLoadsNoDemo() {
        ConfigurableEnvironment env = environment(null, null, "axonserver", "keycloak");
        assertThat(env.getProperty("axon.axonserver.enabled")).isEqualTo("true");
        assertThat(env.getProperty("axon.axonserver.servers")).isEqualTo("axonserver:8124");
        assertThat(env.getProperty("axon.axonserver.component-name")).isEqualTo("masar");
        assertThat(env.getProperty("axon.axonserver.shortcut-queries-to-local-handlers")).isEqualTo("true");
        assertThat(env.getProperty("spring.data.mongodb.uri")).isEqualTo(COMPOSE_MONGODB);
        assertThat(excludedAutoConfiguration(env)).contains(DataSourceAutoConfiguration.class.getName());
        assertThat(env.getProperty("masar.demo.enabled")).isEqualTo("false");
        assertThat(env.getProperty("masar.embedded-mongo.enabled")).isEqualTo("false");
        assertThat(env.getProperty("masar.security.users[0].username")).as("no password login").isNull();
        assertThat(env.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                .isEqualTo("http://localhost:8180/realms/masar");
        assertThat(env.getProperty("server.servlet.session.cookie.same-site")).isEqualTo("lax");
        assertThat(env.getProperty("masar.oidc.client-id")).isEqualTo("masar-ui");
    }

    /**
     * The environment of a runnable: {@code configName} as its main sets it (null: Boot's {@code application}, the
     * embedded application), {@code defaultProfile} as its main sets it, and the profiles given at its start.
     */
    private static ConfigurableEnvironment environment(String configName, String defaultProfile, String... profiles) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(NoBeans.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).profiles(profiles);
        if (configName != null) {
            builder.properties("spring.config.name=" + configName);
        }
        if (defaultProfile != null) {
            builder.properties("spring.profiles.default=" + defaultProfile);
        }
        // with the embedded settings the read store's stand-in would start (EmbeddedMongo); nothing here needs it
        String[] args = List.of(profiles).contains("axonserver") ? new String[0]
                : new String[] {"--masar.embedded-mongo.enabled=false"};
        try (ConfigurableApplicationContext context = builder.run(args)) {
            return context.getEnvironment();
        }
    }

    private static List<String> excludedAutoConfiguration(ConfigurableEnvironment env) {
        return Binder.get(env).bind("spring.autoconfigure.exclude", Bindable.listOf(String.class)).orElse(List.of());
    }
}
