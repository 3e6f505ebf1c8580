package ma.masar.query.infra;

import ma.masar.api.beneficiary.upcasting.ServiceTypeRenamed;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upcasters of the published language, for reading old revisions of events. Axon's Spring Boot support chains
 * every {@code EventUpcaster} bean. In the embedded application the command side declares the same upcasters; the
 * condition keeps one instance of each, since an upcaster applied twice would be wrong.
 */
@Configuration(proxyBeanMethods = false)
public class EventUpcasters {

    @Bean
    @ConditionalOnMissingBean(ServiceTypeRenamed.class)
    public ServiceTypeRenamed queryServiceTypeRenamed() {
        return new ServiceTypeRenamed();
    }
}
