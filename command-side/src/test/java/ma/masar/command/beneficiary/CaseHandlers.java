package ma.masar.command.beneficiary;

import ma.masar.command.CaseFixture;
import org.axonframework.config.Configurer;
import ma.masar.command.centre.Centre;
import ma.masar.command.partnership.Partnership;
import ma.masar.personal.EmbeddedPersonalDataKeys;
import ma.masar.personal.PersonalDataKeys;

import java.time.Clock;
import java.util.UUID;

/** The case, centre and national-ID aggregates with the handlers that span them, as the rule tests use them. */
final class CaseHandlers {

    private CaseHandlers() {
    }

    static CaseFixture fixture() {
        return fixture(new EmbeddedPersonalDataKeys("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    /** With the key store that erasures destroy keys in (an in-memory H2 database unless given). */
    static CaseFixture fixture(PersonalDataKeys keys) {
        return fixture(keys, configurer -> { });
    }

    /** With more configuration (a command bus with interceptors, say). */
    static CaseFixture fixture(PersonalDataKeys keys, java.util.function.Consumer<Configurer> more) {
        return new CaseFixture(configurer -> more.accept(configurer
                .registerCommandHandler(c -> new MergeCommandHandler(c.repository(Beneficiary.class),
                        c.getComponent(Clock.class)))
                .configureAggregate(Beneficiary.class)
                .configureAggregate(Centre.class)
                .configureAggregate(NationalIdClaim.class)
                .configureAggregate(Partnership.class)
                .registerCommandHandler(c -> new RegistrationCommandHandler(c.repository(Beneficiary.class),
                        c.repository(NationalIdClaim.class), c.eventStore(), new NationalIdHasher("test-secret"),
                        c.getComponent(Clock.class)))
                .registerCommandHandler(c -> new EnrolmentCommandHandler(c.repository(Beneficiary.class),
                        c.repository(Centre.class), c.getComponent(Clock.class)))
                .registerCommandHandler(c -> new ReferralCommandHandler(c.repository(Beneficiary.class),
                        c.repository(Partnership.class), c.getComponent(Clock.class)))
                .registerCommandHandler(c -> new ErasureCommandHandler(c.repository(Beneficiary.class),
                        c.repository(NationalIdClaim.class), new NationalIdHasher("test-secret"),
                        c.getComponent(Clock.class)))
                // as in the services, the key goes once the erasure is stored (here in the same thread)
                .eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                        .registerEventHandler(c -> new KeyDestruction(keys)))));
    }
}
