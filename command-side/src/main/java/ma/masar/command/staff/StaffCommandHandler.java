package ma.masar.command.staff;

import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.api.staff.AssignStaffToCentre;
import ma.masar.api.staff.EndStaffAssignment;
import ma.masar.api.staff.StaffStream;
import ma.masar.command.centre.Centre;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Assignments involve two aggregates: the centre must exist and be open (read, in the same unit of work, so a centre
 * closed a moment ago already refuses), and the person's own assignments decide the rest.
 */
@Component
class StaffCommandHandler {

    private final Repository<StaffMember> staff;
    private final Repository<Centre> centres;

    StaffCommandHandler(Repository<StaffMember> staff, Repository<Centre> centres) {
        this.staff = staff;
        this.centres = centres;
    }

    @CommandHandler
    public void handle(AssignStaffToCentre command) throws Exception {
        Aggregate<Centre> centre;
        try {
            centre = centres.load(command.centreId());
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(Rule.CentreNotFound, "centre " + command.centreId() + " does not exist",
                    Map.of("centreId", String.valueOf(command.centreId())));
        }
        if (centre.invoke(Centre::closed)) {
            throw new RuleViolation(Rule.CentreIsClosed, "centre " + command.centreId() + " is closed",
                    Map.of("centreId", command.centreId()));
        }
        staff.loadOrCreate(StaffStream.of(command.staffId()), StaffMember::new)
             .execute(member -> member.assign(command.staffId(), command.centreId(), command.from()));
    }

    @CommandHandler
    public void handle(EndStaffAssignment command) {
        Aggregate<StaffMember> member;
        try {
            member = staff.load(StaffStream.of(command.staffId()));
        } catch (AggregateNotFoundException e) {
            throw new RuleViolation(Rule.StaffAssignmentNotFound, "no assignment recorded for this person",
                    Map.of("centreId", String.valueOf(command.centreId())));
        }
        member.execute(m -> m.end(command.centreId(), command.on()));
    }
}
