package ma.masar.command.infra;

import ma.masar.command.TestUsers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.connector.AxonServerException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import ma.masar.api.common.CentreType;
import ma.masar.command.CommandTestApplication;
import ma.masar.commandside.CommandSideApplication;
import org.axonframework.axonserver.connector.command.AxonServerCommandBus;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.axonserver.connector.query.AxonServerQueryBus;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryBus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static ma.masar.command.Samples.centre;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The production profile ({@code axonserver}) as far as it can be checked without an Axon Server: the command
 * side starts with the connector enabled and wired in, and with Axon Server unreachable (a port where nothing
 * listens) a command fails within seconds, saying that Axon Server is unavailable, instead of hanging.
 */
class AxonServerProfileTest {

    private static ConfigurableApplicationContext context;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startWithNoAxonServerListening() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        // command-line arguments: they win over the axonserver profile of masar-command.yml, as the environment does in the compose file
        context = assertTimeoutPreemptively(Duration.ofSeconds(90), () ->
                new SpringApplicationBuilder(CommandSideApplication.class)
                        .properties("spring.config.name=masar-command")
                        .run("--spring.profiles.active=axonserver",
                             "--axon.axonserver.servers=127.0.0.1:" + nothingListens,
                             "--axon.axonserver.connect-timeout=1000",
                             "--axon.axonserver.reconnect-interval=1000",
                             "--spring.data.mongodb.uri=" + CommandTestApplication.mongoUri(),
                             "--server.port=0"));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void axonServerIsTheEventStoreAndRoutesCommandsAndQueries() {
        assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("axonserver");
        assertThat(context.getBean(EventStore.class)).isInstanceOf(AxonServerEventStore.class);
        assertThat(context.getBean(CommandBus.class)).isInstanceOf(AxonServerCommandBus.class);
        assertThat(context.getBean(QueryBus.class)).isInstanceOf(AxonServerQueryBus.class);
        // the embedded H2 event store is not there at all
        assertThat(context.getBeanNamesForType(EventStorageEngine.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DataSource.class)).isEmpty();
    }

    @Test
    void aCommandFailsWithinSecondsSayingAxonServerIsUnavailable() {
        CommandGateway commands = context.getBean(CommandGateway.class);
        Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> catchThrowable(
                () -> commands.sendAndWait(centre("cef-no-server", CentreType.EDUCATION_TRAINING_CENTRE, 3))));

        assertThat(failure).isNotNull();
        assertThat(failure).hasCauseInstanceOf(AxonServerException.class)
                           .hasRootCauseInstanceOf(StatusRuntimeException.class);
        assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(failure.getCause()).hasMessageContaining("dispatching command");
    }

    @Test
    void httpAnswersAServerErrorQuicklyInsteadOfHanging() {
        String body = """
                {"type":"EDUCATION_TRAINING_CENTRE","nameAr":"مركز","nameFr":"Centre","region":"FES_MEKNES",
                 "province":"Fès","capacity":10,"openedOn":"2010-01-01"}""";
        HttpResponse<String> response = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> http.send(
                HttpRequest.newBuilder(uri("/api/centres")).header("Content-Type", "application/json")
                           .header("Authorization", TestUsers.basic(TestUsers.CLERK))
                           .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()));

        assertThat(response.statusCode()).isGreaterThanOrEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("application/problem+json"));
    }

    @Test
    void healthShowsAxonServerDownAndMongoUp() throws Exception {
        // the components are an administrator's to read
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/actuator/health"))
                        .header("Authorization", TestUsers.basic(TestUsers.CLERK)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode components = new ObjectMapper().readTree(response.body()).path("components");
        assertThat(components.path("axonServer").path("status").asText()).isEqualTo("DOWN");
        assertThat(components.path("axonServer").path("details").path("default.connection.active").asText())
                .isEqualTo("DOWN");
        assertThat(components.path("mongo").path("status").asText()).isEqualTo("UP");
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + path);
    }
}
