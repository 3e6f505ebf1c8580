package ma.masar.embedded.ui;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The pages' language: {@code ?lang=ar|fr} (kept in a cookie for a year), else the cookie, else the browser's first
 * choice among Arabic and French, else Arabic: the official language and the one the query side's timeline defaults
 * to. The JSON API keeps answering in the language of {@code Accept-Language}, as it did before the UI existed, so
 * that a client without the cookie sees no change.
 */
class UiLocaleResolver implements LocaleResolver {

    static final Locale ARABIC = Locale.forLanguageTag("ar");
    static final Locale FRENCH = Locale.forLanguageTag("fr");
    static final String COOKIE = "masar-lang";

    private final CookieLocaleResolver cookie = new CookieLocaleResolver(COOKIE);

    UiLocaleResolver() {
        cookie.setCookieMaxAge(Duration.ofDays(365));
        cookie.setCookieSameSite("Lax");
        cookie.setDefaultLocaleFunction(UiLocaleResolver::browserChoice);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (isApi(request)) {
            return request.getLocale();
        }
        Locale chosen = supported(cookie.resolveLocale(request));
        return chosen != null ? chosen : ARABIC;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = supported(locale);
        if (chosen != null) {
            cookie.setLocale(request, response, chosen);
        }
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/actuator") || path.startsWith("/v3/");
    }

    private static Locale browserChoice(HttpServletRequest request) {
        List<Locale> wanted = request.getHeader("Accept-Language") == null
                ? List.of() : Collections.list(request.getLocales());
        for (Locale locale : wanted) {
            Locale chosen = supported(locale);
            if (chosen != null) {
                return chosen;
            }
        }
        return ARABIC;
    }

    /** Arabic or French, whatever the country; null for any other language. */
    static Locale supported(Locale locale) {
        if (locale == null) {
            return null;
        }
        return switch (locale.getLanguage()) {
            case "ar" -> ARABIC;
            case "fr" -> FRENCH;
            default -> null;
        };
    }
}
