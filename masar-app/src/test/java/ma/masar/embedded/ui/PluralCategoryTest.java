package ma.masar.embedded.ui;

import ma.masar.time.AgencyTime;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

import static ma.masar.embedded.ui.PluralCategory.FEW;
import static ma.masar.embedded.ui.PluralCategory.MANY;
import static ma.masar.embedded.ui.PluralCategory.ONE;
import static ma.masar.embedded.ui.PluralCategory.OTHER;
import static ma.masar.embedded.ui.PluralCategory.TWO;
import static ma.masar.embedded.ui.PluralCategory.ZERO;
import static org.assertj.core.api.Assertions.assertThat;

/** A count takes the form of its number: CLDR's categories, and the words the pages' bundles give each. */
class PluralCategoryTest {

    private static final Locale ARABIC = Locale.forLanguageTag("ar");
    private static final Locale FRENCH = Locale.forLanguageTag("fr");

    @Test
    void arabicFormsFollowTheLastTwoDigits() {
        Map<Long, PluralCategory> expected = Map.ofEntries(Map.entry(0L, ZERO), Map.entry(1L, ONE), Map.entry(2L, TWO),
                Map.entry(3L, FEW), Map.entry(10L, FEW), Map.entry(11L, MANY), Map.entry(99L, MANY),
                Map.entry(100L, OTHER), Map.entry(101L, OTHER), Map.entry(102L, OTHER), Map.entry(103L, FEW),
                Map.entry(111L, MANY), Map.entry(1000L, OTHER), Map.entry(1002L, OTHER), Map.entry(1010L, FEW));
        expected.forEach((n, category) -> assertThat(PluralCategory.of(n, ARABIC)).as("ar " + n).isEqualTo(category));
    }

    @Test
    void frenchIsSingularForNoneAndOne() {
        assertThat(PluralCategory.of(0, FRENCH)).isEqualTo(ONE);
        assertThat(PluralCategory.of(1, FRENCH)).isEqualTo(ONE);
        assertThat(PluralCategory.of(2, FRENCH)).isEqualTo(OTHER);
        assertThat(PluralCategory.of(1_000_000, FRENCH)).isEqualTo(MANY);
    }

    @Test
    void signedAgreementsInFrench() {
        LocalFormats formats = formats(FRENCH);
        assertThat(formats.count("ui.manager.partnerships.signed", 1)).isEqualTo("1 convention signée");
        assertThat(formats.count("ui.manager.partnerships.signed", 0L)).isEqualTo("0 convention signée");
        assertThat(formats.count("ui.manager.partnerships.signed", 2)).isEqualTo("2 conventions signées");
        // many (a million) has no words of its own in French: other's
        assertThat(formats.count("ui.manager.partnerships.signed", 1_000_000)).endsWith("000 conventions signées");
        assertThat(formats.count("ui.worker.search.count", 1)).isEqualTo("1 personne trouvée");
    }

    @Test
    void signedAgreementsInArabic() {
        LocalFormats formats = formats(ARABIC);
        assertThat(formats.count("ui.manager.partnerships.signed", 1)).isEqualTo("اتفاقية واحدة موقعة");
        assertThat(formats.count("ui.manager.partnerships.signed", 2)).isEqualTo("اتفاقيتان موقعتان");
        assertThat(formats.count("ui.manager.partnerships.signed", 3)).isEqualTo("3 اتفاقيات موقعة");
        assertThat(formats.count("ui.manager.partnerships.signed", 11)).isEqualTo("11 اتفاقية موقعة");
        assertThat(formats.count("ui.manager.partnerships.signed", 100)).isEqualTo("100 اتفاقية موقعة");
        assertThat(formats.count("ui.manager.partnerships.partners", 5)).isEqualTo("5 شركاء");
        assertThat(formats.count("ui.manager.partnerships.partners", 12)).isEqualTo("12 شريكًا");
    }

    @Test
    void aSecondArgumentGoesAlong() {
        LocalFormats formats = formats(FRENCH);
        assertThat(formats.count("ui.auditor.verify.store.broken", 0)).isEqualTo("0 anomalie");
        assertThat(formats.count("ui.auditor.verify.store.checked", 1520)).matches("1\\D?520 faits vérifiés");
    }

    private static LocalFormats formats(Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/ui");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        messages.setAlwaysUseMessageFormat(true);
        LocaleContextHolder.setLocale(locale);
        return new LocalFormats(messages, Clock.system(AgencyTime.ZONE));
    }
}
