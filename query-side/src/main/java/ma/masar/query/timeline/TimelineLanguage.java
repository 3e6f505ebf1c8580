package ma.masar.query.timeline;

import java.util.Enumeration;
import java.util.Locale;

import ma.masar.query.infra.BadQueryParameter;

/** The languages a timeline is worded in. Arabic unless the reader asks for French. */
public enum TimelineLanguage {
    AR(Locale.forLanguageTag("ar-MA")),
    FR(Locale.forLanguageTag("fr-MA"));

    private final Locale locale;

    TimelineLanguage(Locale locale) {
        this.locale = locale;
    }

    public Locale locale() {
        return locale;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TimelineLanguage of(String code) {
        for (TimelineLanguage language : values()) {
            if (language.code().equalsIgnoreCase(code)) {
                return language;
            }
        }
        throw new BadQueryParameter("lang", "lang must be ar or fr");
    }

    /** {@code ?lang=} when given, else the first of the reader's {@code Accept-Language} we have, else Arabic. */
    public static TimelineLanguage choose(String lang, Enumeration<Locale> acceptLanguages) {
        if (lang != null && !lang.isBlank()) {
            return of(lang.trim());
        }
        while (acceptLanguages != null && acceptLanguages.hasMoreElements()) {
            String language = acceptLanguages.nextElement().getLanguage();
            for (TimelineLanguage candidate : values()) {
                if (candidate.code().equals(language)) {
                    return candidate;
                }
            }
        }
        return AR;
    }
}
