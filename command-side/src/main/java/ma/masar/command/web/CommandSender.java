package ma.masar.command.web;

import ma.masar.access.Actor;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.UUID;

import static ma.masar.command.infra.CommandAxonConfiguration.CORRELATION_ID;
import static ma.masar.command.infra.CommandAxonConfiguration.USER_ID;

/**
 * Sends a command with the metadata every event must carry (the user, the request's correlation id) and, for a
 * social worker, the centres they are held to (read by the command side's centre scope, not copied to events).
 */
@Component
public class CommandSender {

    private final CommandGateway gateway;
    private final CurrentUser user;

    CommandSender(CommandGateway gateway, CurrentUser user) {
        this.gateway = gateway;
        this.user = user;
    }

    public <R> R send(Object command, String correlationId) {
        return gateway.sendAndWait(message(command, correlationId));
    }

    /** The command as {@link #send} would send it, for a caller that sends it otherwise (a group commit). */
    public CommandMessage<?> message(Object command, String correlationId) {
        Actor actor = user.actor();
        MetaData metaData = actor.scopeMetaData().and(USER_ID, actor.userId())
                .and(CORRELATION_ID, correlationId != null && !correlationId.isBlank()
                        ? correlationId : UUID.randomUUID().toString());
        return GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
    }
}
