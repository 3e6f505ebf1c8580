package ma.masar.command.beneficiary;

import ma.masar.command.CaseFixture;
import ma.masar.command.centre.Centre;

import java.time.Clock;

/** The case, centre and national-ID aggregates with the handlers that span them, as the rule tests use them. */
final class CaseHandlers {

    private CaseHandlers() {
    }

    static CaseFixture fixture() {
        return new CaseFixture(configurer -> configurer
                .configureAggregate(Beneficiary.class)
                .configureAggregate(Centre.class)
                .configureAggregate(NationalIdClaim.class)
                .registerCommandHandler(c -> new RegistrationCommandHandler(c.repository(Beneficiary.class),
                        c.repository(NationalIdClaim.class), c.eventStore(), new NationalIdHasher("test-secret"),
                        c.getComponent(Clock.class)))
                .registerCommandHandler(c -> new EnrolmentCommandHandler(c.repository(Beneficiary.class),
                        c.repository(Centre.class), c.getComponent(Clock.class))));
    }
}
