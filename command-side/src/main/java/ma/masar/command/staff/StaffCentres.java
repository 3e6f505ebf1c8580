package ma.masar.command.staff;

import ma.masar.access.SecurityProperties;
import ma.masar.api.staff.StaffStream;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The centres a person works in today (Africa/Casablanca), for the centre scope of her commands. Called inside the
 * command's unit of work, it loads her {@link StaffMember} there: the assignment an administrator ended a second ago
 * is already gone, and an end recorded while her command runs waits for it (the aggregate's lock).
 * <p>
 * A person with no assignment recorded at all keeps the centres configured for her ({@code masar.security.users},
 * the embedded mode's people only): the bootstrap of people configured before assignments existed, and of centres
 * not opened yet when the application started ({@link ConfiguredStaffBootstrap}). Her first assignment ends it.
 */
@Component
public class StaffCentres {

    private final Repository<StaffMember> staff;
    private final ObjectProvider<SecurityProperties> configured;
    private final Clock clock;

    StaffCentres(Repository<StaffMember> staff, ObjectProvider<SecurityProperties> configured, Clock clock) {
        this.staff = staff;
        this.configured = configured;
        this.clock = clock;
    }

    public Set<String> today(String staffId) {
        LocalDate today = LocalDate.now(clock);
        try {
            return staff.load(StaffStream.of(staffId)).invoke(member -> member.centresOn(today));
        } catch (AggregateNotFoundException e) {
            SecurityProperties properties = configured.getIfAvailable();
            return properties == null ? Set.of() : new LinkedHashSet<>(properties.configuredCentres(staffId));
        }
    }
}
