package ma.masar.command.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static ma.masar.command.infra.CommandAxonConfiguration.CORRELATION_ID;
import static ma.masar.command.infra.CommandAxonConfiguration.USER_ID;

/** Sends a command with the metadata every event must carry: the user and the request's correlation id. */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final CurrentUser user;

    CommandSender(CommandGateway gateway, CurrentUser user) {
        this.gateway = gateway;
        this.user = user;
    }

    public <R> R send(Object command, String correlationId) {
        MetaData metaData = MetaData.with(USER_ID, user.id())
                .and(CORRELATION_ID, correlationId != null && !correlationId.isBlank()
                        ? correlationId : UUID.randomUUID().toString());
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
