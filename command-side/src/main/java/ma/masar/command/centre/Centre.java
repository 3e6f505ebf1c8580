package ma.masar.command.centre;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import ma.masar.api.centre.CentreCapacityChanged;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.centre.ChangeCentreCapacity;
import ma.masar.api.centre.CloseCentre;
import ma.masar.api.centre.ConvertToApprenticeshipCentre;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.centre.SeatReleased;
import ma.masar.api.centre.SeatTaken;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.command.Dates;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A centre and its seats. Capacity lives here: every enrolment takes a seat through
 * {@link #takeSeat} in the same unit of work as the beneficiary's enrolment, so the event store's
 * optimistic check on this aggregate's sequence (and Axon's lock on it within one JVM) serialises
 * concurrent enrolments into the last seats. State is only what the rules need: the set of active
 * enrolments, bounded by capacity; a snapshot every 100 events keeps loading fast over the years.
 */
@Aggregate(snapshotTriggerDefinition = "centreSnapshotTrigger", cache = "aggregateCache")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE, isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Centre {

    @AggregateIdentifier
    private String centreId;
    private CentreType type;
    private Region region;
    private String province;
    private int capacity;
    private boolean closed;
    private LocalDate openedOn;
    private Set<String> activeEnrolments = new HashSet<>();

    protected Centre() {
        // for Axon
    }

    @CommandHandler
    public Centre(OpenCentre command, Clock clock) {
        Dates.notInFuture(command.openedOn(), clock);
        if (command.type() == CentreType.SOCIAL_CARE_INSTITUTION
                && (command.authorisationReference() == null || command.authorisationReference().isBlank())) {
            throw new RuleViolation(Rule.AuthorisationRequiredForSocialCare,
                    "a social-care institution needs its authorisation reference under law 14-05");
        }
        apply(new CentreOpened(command.centreId(), command.type(), command.nameAr(), command.nameFr(),
                        command.region(), command.province(), command.capacity(), command.operator(),
                        command.authorisationReference(), command.openedOn()),
                MetaData.with("centreId", command.centreId()));
    }

    @CommandHandler
    public void handle(ChangeCentreCapacity command, Clock clock) {
        Dates.notInFuture(command.effectiveOn(), clock);
        refuseIfClosed();
        if (command.capacity() < activeEnrolments.size()) {
            throw new RuleViolation(Rule.CapacityBelowOccupancy,
                    "capacity " + command.capacity() + " is below the " + activeEnrolments.size() + " active enrolments",
                    Map.of("occupied", String.valueOf(activeEnrolments.size())));
        }
        apply(new CentreCapacityChanged(centreId, capacity, command.capacity(), command.effectiveOn()),
                MetaData.with("centreId", centreId));
    }

    @CommandHandler
    public void handle(ConvertToApprenticeshipCentre command, Clock clock) {
        Dates.notInFuture(command.convertedOn(), clock);
        refuseIfClosed();
        if (type != CentreType.VOCATIONAL_FAMILIARISATION_CENTRE) {
            throw new RuleViolation(Rule.OnlyFamiliarisationCentresConvert,
                    "only a vocational-familiarisation centre can become an apprenticeship centre");
        }
        apply(new CentreConvertedToApprenticeship(centreId, command.convertedOn()), MetaData.with("centreId", centreId));
    }

    @CommandHandler
    public void handle(CloseCentre command, Clock clock) {
        Dates.notInFuture(command.closedOn(), clock);
        refuseIfClosed();
        if (!activeEnrolments.isEmpty()) {
            throw new RuleViolation(Rule.CentreHasActiveEnrolments,
                    "the centre still has " + activeEnrolments.size() + " active enrolments",
                    Map.of("occupied", String.valueOf(activeEnrolments.size())));
        }
        apply(new CentreClosed(centreId, command.closedOn(), command.reason()), MetaData.with("centreId", centreId));
    }

    /** Rules on the centre's side of an enrolment: open, of the programme's type, a free seat. */
    public void takeSeat(String enrolmentId, String beneficiaryId, ProgrammeType programme, LocalDate takenOn) {
        refuseIfClosed();
        if (programme.centreType() != type) {
            throw new RuleViolation(Rule.CentreTypeDoesNotMatchProgramme,
                    "programme " + programme + " is not delivered in a centre of type " + type,
                    Map.of("programme", programme.name(), "centreType", type.name()));
        }
        if (activeEnrolments.size() >= capacity) {
            throw new RuleViolation(Rule.CentreIsFull, "all " + capacity + " seats are taken",
                    Map.of("capacity", String.valueOf(capacity)));
        }
        apply(new SeatTaken(centreId, enrolmentId, beneficiaryId, programme, takenOn,
                activeEnrolments.size() + 1, capacity), MetaData.with("centreId", centreId));
    }

    public void releaseSeat(String enrolmentId, String beneficiaryId, LocalDate releasedOn) {
        if (activeEnrolments.contains(enrolmentId)) {
            apply(new SeatReleased(centreId, enrolmentId, beneficiaryId, releasedOn,
                    activeEnrolments.size() - 1, capacity), MetaData.with("centreId", centreId));
        }
    }

    public Region region() {
        return region;
    }

    public String province() {
        return province;
    }

    /** Whether the centre has closed (a staff assignment needs an open centre). */
    public boolean closed() {
        return closed;
    }

    private void refuseIfClosed() {
        if (closed) {
            throw new RuleViolation(Rule.CentreIsClosed, "the centre is closed");
        }
    }

    @EventSourcingHandler
    void on(CentreOpened event) {
        centreId = event.centreId();
        type = event.type();
        region = event.region();
        province = event.province();
        capacity = event.capacity();
        openedOn = event.openedOn();
    }

    @EventSourcingHandler
    void on(CentreCapacityChanged event) {
        capacity = event.capacity();
    }

    @EventSourcingHandler
    void on(CentreConvertedToApprenticeship event) {
        type = CentreType.APPRENTICESHIP_CENTRE;
    }

    @EventSourcingHandler
    void on(CentreClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(SeatTaken event) {
        activeEnrolments.add(event.enrolmentId());
    }

    @EventSourcingHandler
    void on(SeatReleased event) {
        activeEnrolments.remove(event.enrolmentId());
    }
}
