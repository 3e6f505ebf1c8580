package ma.masar.embedded.ui;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The pages' language switch ({@link UiLocaleResolver}), and where the login form leads ({@link LoginLanding}). */
@Configuration
class UiWebConfiguration implements WebMvcConfigurer {

    /** The bean name DispatcherServlet looks for. */
    @Bean
    LocaleResolver localeResolver() {
        return new UiLocaleResolver();
    }

    /**
     * The access table (shared with the services that have no pages) sets up the login form; the pages decide where
     * it leads. The form's filter is in the chain built from that table: it gets the pages' landing here.
     */
    @Bean
    static BeanPostProcessor loginLandsOnOwnArea() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof SecurityFilterChain chain) {
                    chain.getFilters().stream()
                            .filter(UsernamePasswordAuthenticationFilter.class::isInstance)
                            .map(UsernamePasswordAuthenticationFilter.class::cast)
                            .forEach(form -> form.setAuthenticationSuccessHandler(new LoginLanding()));
                }
                return bean;
            }
        };
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor switchLanguage = new LocaleChangeInterceptor();
        switchLanguage.setParamName("lang");
        switchLanguage.setIgnoreInvalidLocale(true);
        // the timeline API reads its own ?lang= and must not set the pages' cookie
        registry.addInterceptor(switchLanguage).excludePathPatterns("/api/**", "/webjars/**", "/ui/**");
    }
}
