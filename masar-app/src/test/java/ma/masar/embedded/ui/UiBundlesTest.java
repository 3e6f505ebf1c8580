package ma.masar.embedded.ui;

import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.query.EnrolmentStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** All wording is in the bundles, in both languages: no page can show a message key instead of words. */
class UiBundlesTest {

    private static final Path TEMPLATES = Path.of("src", "main", "resources", "templates");
    private static final Pattern STATIC_KEY = Pattern.compile("#\\{(ui\\.[A-Za-z0-9_.]+)");

    /** The same keys, but for the plural forms one language has and the other not (Arabic's zero, two, few, many). */
    @Test
    void arabicAndFrenchHaveTheSameKeys() throws IOException {
        assertThat(withoutOwnPluralForms(load("ar"))).isEqualTo(withoutOwnPluralForms(load("fr")));
    }

    private static Set<String> withoutOwnPluralForms(Properties words) {
        Set<String> keys = new TreeSet<>(words.stringPropertyNames());
        keys.removeIf(key -> key.matches(".*\\.(zero|two|few|many)"));
        return keys;
    }

    @Test
    void everyKeyATemplateNamesExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher keys = STATIC_KEY.matcher(Files.readString(file));
                while (keys.find()) {
                    used.add(keys.group(1));
                }
            }
        }
        Set<String> known = new HashSet<>(load("ar").stringPropertyNames());
        known.addAll(load("").stringPropertyNames());
        assertThat(used).isNotEmpty();
        assertThat(known).containsAll(used);
    }

    @Test
    void everyCodeThePagesShowHasWordsInBothLanguages() throws IOException {
        Map<String, List<? extends Enum<?>>> labelled = Map.of(
                "ui.region.", List.of(Region.values()), "ui.programme.", List.of(ProgrammeType.values()),
                "ui.sex.", List.of(Sex.values()), "ui.household.", List.of(HouseholdSituation.values()),
                "ui.outcome.", List.of(CompletionOutcome.values()), "ui.withdrawal.", List.of(WithdrawalReason.values()),
                "ui.discharge.", List.of(DischargeReason.values()), "ui.service.", List.of(ServiceType.values()),
                "ui.status.", List.of(EnrolmentStatus.values()), "ui.partnerType.", List.of(PartnerType.values()));
        for (String language : List.of("ar", "fr")) {
            Properties words = load(language);
            labelled.forEach((prefix, codes) -> codes.forEach(code ->
                    assertThat(words.getProperty(prefix + code.name())).as(language + " " + prefix + code).isNotBlank()));
            Arrays.asList("timeline", "search", "counts", "centres").forEach(model ->
                    assertThat(words.getProperty("ui.auditor.readModel." + model)).isNotBlank());
        }
    }

    /** Each kind of fact the timeline words ({@code timeline.<EventType>}) gets a chip of its own words. */
    @Test
    void everyKindOfFactOnTheTimelineHasAChipInBothLanguages() throws IOException {
        Set<String> kinds = new TreeSet<>();
        for (String key : load("/i18n/timeline_fr.properties").stringPropertyNames()) {
            Matcher kind = Pattern.compile("timeline\\.([A-Z][A-Za-z]+)").matcher(key);
            if (kind.matches()) {
                kinds.add(kind.group(1));
            }
        }
        assertThat(kinds).contains("BeneficiaryRegistered", "ConsentGiven", "PersonalDataErased");
        for (String language : List.of("ar", "fr")) {
            Properties words = load(language);
            kinds.forEach(kind -> assertThat(words.getProperty("ui.eventType." + kind))
                    .as(language + " chip of " + kind).isNotBlank());
        }
    }

    /** A count is never "1 conventions signées" or "2 اتفاقية": each has its words for every form of its number. */
    @Test
    void everyCountHasAFormForEachPluralCategoryOfItsLanguage() throws IOException {
        Pattern counted = Pattern.compile("@formats\\.count\\('(ui\\.[A-Za-z0-9_.]+)'");
        Set<String> families = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                Matcher keys = counted.matcher(Files.readString(file));
                while (keys.find()) {
                    families.add(keys.group(1));
                }
            }
        }
        assertThat(families).contains("ui.manager.partnerships.signed", "ui.worker.search.count");
        Properties arabic = load("ar");
        Properties french = load("fr");
        for (String family : families) {
            for (String form : List.of("zero", "one", "two", "few", "many", "other")) {
                assertThat(arabic.getProperty(family + "." + form)).as("ar " + family + "." + form).isNotBlank();
            }
            for (String form : List.of("one", "other")) {
                assertThat(french.getProperty(family + "." + form)).as("fr " + family + "." + form).isNotBlank();
            }
        }
    }

    /** "{0} personne(s)": a count is worded by {@code LocalFormats.count}, not left to the reader. */
    @Test
    void noCountIsWrittenWithAParenthesisedPlural() throws IOException {
        Pattern hedged = Pattern.compile("\\{\\d}[^{}.:;]*\\((s|e|es|ت|ة)\\)");
        for (String language : List.of("ar", "fr")) {
            load(language).forEach((key, value) -> assertThat(hedged.matcher(value.toString()).find())
                    .as(language + " " + key + "=" + value).isFalse());
        }
    }

    @Test
    void frenchApostrophesAreTypographicSoMessageFormatKeepsThem() throws IOException {
        load("fr").forEach((key, value) -> assertThat(value.toString()).as(key.toString()).doesNotContain("'"));
        load("ar").forEach((key, value) -> assertThat(value.toString()).as(key.toString()).doesNotContain("'"));
    }

    private static Properties load(String language) throws IOException {
        String name = language.startsWith("/") ? language
                : language.isEmpty() ? "/i18n/ui.properties" : "/i18n/ui_" + language + ".properties";
        Properties properties = new Properties();
        try (InputStream in = UiBundlesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
