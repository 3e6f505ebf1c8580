package ma.masar.storage;

import ma.masar.api.beneficiary.upcasting.ServiceTypeRenamed;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The upcasters of the published language, declared once for every application that reads events (the command
 * side, the query side, the embedded application): Axon's Spring Boot support chains every {@code EventUpcaster}
 * bean, and an upcaster applied twice would be wrong.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class EventUpcasters {

    /** Reads ServiceDelivered revision 1 as revision 2. */
    @Bean
    ServiceTypeRenamed serviceTypeRenamed() {
        return new ServiceTypeRenamed();
    }
}
