package ma.masar.embedded.ui;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.text.NumberFormat;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Dates, times and numbers as the pages show them ({@code ${@formats.date(...)}} in the templates). Numbers follow
 * Morocco's conventions in both languages (ar-MA and fr-MA: Western digits 0-9, as the administration writes them,
 * not the Eastern Arabic digits of {@code ar}); date patterns come from the message bundles, the same as the
 * timeline's (Arabic 2010/03/15, French 15/03/2010); times are the agency's ({@code AgencyTime}).
 */
@Component("formats")
public class LocalFormats {

    private final MessageSource messages;
    private final Clock clock;

    LocalFormats(MessageSource messages, Clock clock) {
        this.messages = messages;
        this.clock = clock;
    }

    public String date(Object value) {
        LocalDate date = value instanceof LocalDate d ? d : parseDate(value);
        return date == null ? text(value) : date.format(pattern("ui.date.pattern", "yyyy-MM-dd"));
    }

    public String dateTime(Object value) {
        Instant instant = value instanceof Instant i ? i : parseInstant(value);
        return instant == null ? text(value)
                : instant.atZone(clock.getZone()).format(pattern("ui.datetime.pattern", "yyyy-MM-dd HH:mm"));
    }

    public String time(Instant value) {
        return value == null ? "" : value.atZone(clock.getZone()).format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    public String number(Object value) {
        if (value instanceof Number number) {
            return NumberFormat.getIntegerInstance(numberLocale()).format(number);
        }
        return text(value);
    }

    /** One decimal at most: 12.5 events per second. */
    public String decimal(Object value) {
        if (value instanceof Number number) {
            NumberFormat format = NumberFormat.getNumberInstance(numberLocale());
            format.setMaximumFractionDigits(1);
            return format.format(number);
        }
        return text(value);
    }

    /**
     * A count in words, in the form its number takes ({@link PluralCategory}): the message {@code key.one},
     * {@code key.few}... with the number, formatted, as {0}; {@code key.other} when the language has no form of
     * its own for that category. {@code ${@formats.count('ui.manager.partnerships.signed', n)}}
     */
    public String count(String key, Object count) {
        return count(key, count, null);
    }

    /** The same, with a second argument ({1}) already in words. */
    public String count(String key, Object count, Object second) {
        Locale locale = LocaleContextHolder.getLocale();
        long n = count instanceof Number number ? number.longValue() : 0;
        Object[] arguments = {number(count), second};
        String words = messages.getMessage(key + "." + PluralCategory.of(n, locale).suffix(), arguments, null, locale);
        return words != null ? words : messages.getMessage(key + ".other", arguments, locale);
    }

    public String percent(double rate) {
        return NumberFormat.getPercentInstance(numberLocale()).format(rate);
    }

    /** For {@code max} of date fields: nothing in the future. */
    public String today() {
        return LocalDate.now(clock).toString();
    }

    public Instant now() {
        return clock.instant();
    }

    /** A date-time field's value ({@code yyyy-MM-ddTHH:mm}, Morocco's time) as an instant for the API. */
    public String instantOf(String localDateTime) {
        if (localDateTime == null || localDateTime.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(localDateTime).atZone(clock.getZone()).toInstant().toString();
        } catch (DateTimeParseException e) {
            return localDateTime;
        }
    }

    /** The locale JavaScript's Intl should format numbers with (charts). */
    public String numberLocaleTag() {
        return numberLocale().toLanguageTag() + "-u-nu-latn";
    }

    public boolean rtl() {
        return "ar".equals(LocaleContextHolder.getLocale().getLanguage());
    }

    private static Locale numberLocale() {
        return Locale.forLanguageTag(LocaleContextHolder.getLocale().getLanguage() + "-MA");
    }

    private DateTimeFormatter pattern(String code, String fallback) {
        Locale locale = LocaleContextHolder.getLocale();
        return DateTimeFormatter.ofPattern(messages.getMessage(code, null, fallback, locale), locale);
    }

    private static LocalDate parseDate(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant parseInstant(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.toString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
