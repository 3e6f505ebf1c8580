package ma.masar.command.staff;

import ma.masar.access.SecurityProperties;
import ma.masar.api.staff.AssignStaffToCentre;
import ma.masar.api.staff.StaffStream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

import static ma.masar.command.infra.CommandAxonConfiguration.USER_ID;

/**
 * The migration from configured centres to assignments (embedded mode): at start, a person of
 * {@code masar.security.users} with centres and no assignment recorded yet gets each configured centre that exists
 * and is open as an assignment from today, recorded by the system user, so that from then on only events count and
 * auditors see where her scope came from. Only when all her configured centres exist: otherwise her configured list
 * stands as it is ({@link StaffCentres}) until her first assignment, so that none of them is lost. Runs before the demo loader starts (it assigns the demo
 * worker itself, to the season's centres). Production configures no people: nothing happens there.
 */
@Component
@Profile("!axonserver") // the embedded mode's people only; production's come from Keycloak, with no centres
class ConfiguredStaffBootstrap {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredStaffBootstrap.class);

    private final ObjectProvider<SecurityProperties> configured;
    private final EventStore events;
    private final CommandGateway commands;
    private final Clock clock;
    private final String systemUser;

    ConfiguredStaffBootstrap(ObjectProvider<SecurityProperties> configured, EventStore events, CommandGateway commands,
                             Clock clock, @Value("${masar.default-user:system}") String systemUser) {
        this.configured = configured;
        this.events = events;
        this.commands = commands;
        this.clock = clock;
        this.systemUser = systemUser;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void recordConfiguredCentres() {
        SecurityProperties properties = configured.getIfAvailable();
        if (properties == null) {
            return;
        }
        try {
            record(properties);
        } catch (RuntimeException e) {
            // never a reason not to start: the configured lists still stand (StaffCentres) and the next start retries
            log.warn("Configured centres not recorded as assignments at this start: {}", e.getClass().getSimpleName());
        }
    }

    private void record(SecurityProperties properties) {
        int recorded = 0;
        int waiting = 0; // people whose configured centres are not all opened yet
        LocalDate today = LocalDate.now(clock);
        for (SecurityProperties.User user : properties.users()) {
            var centres = properties.configuredCentres(user.username());
            if (centres.isEmpty() || events.readEvents(StaffStream.of(user.username())).hasNext()) {
                continue;
            }
            if (!centres.stream().allMatch(centre -> events.readEvents(centre).hasNext())) {
                waiting++; // all or none, so that none of her configured centres is lost: the list still stands
                continue;
            }
            for (String centre : centres) {
                try {
                    commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                                    new AssignStaffToCentre(user.username(), centre, today))
                            .andMetaData(MetaData.with(USER_ID, systemUser)));
                    recorded++;
                } catch (RuntimeException e) {
                    log.warn("A configured centre could not be assigned: {}", e.getMessage()); // the rule, no name
                }
            }
        }
        if (recorded + waiting > 0) {
            // counts only: login names are not logged
            log.info("Configured centres recorded as staff assignments: {}; not open yet: {}", recorded, waiting);
        }
    }
}
