package ma.masar.embedded.ui;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
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

    /** Where the login form of the shared access table leads: each person to her own area. */
    @Bean
    AuthenticationSuccessHandler loginLanding() {
        return new LoginLanding();
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
