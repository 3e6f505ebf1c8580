package ma.masar.command.beneficiary;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validation;
import ma.masar.command.infra.GroupCommit;
import ma.masar.command.web.CommandSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.support.StaticMessageSource;

import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The runs an administrator can follow: the twenty started last, newest first, however often older ones were read.
 * (A cache that keeps what is read most, such as Caffeine's size bound, would drop a run just started instead.)
 */
class RegisterImportRunsTest {

    private static final String PEOPLE = """
            sourceId,givenNameAr,familyNameAr,givenNameLatin,familyNameLatin,dateOfBirth,sex,region,province,household
            R-1,فاطمة,الإدريسي,Fatima,Idrissi,1992-04-12,FEMALE,FES_MEKNES,Sefrou,POOR_HOUSEHOLD
            """;

    private final RegisterImport imports = new RegisterImport(mock(CommandSender.class), mock(GroupCommit.class),
            Validation.buildDefaultValidatorFactory().getValidator(), new ObjectMapper().findAndRegisterModules(),
            new StaticMessageSource(), new ThreadPoolTaskExecutorBuilder(), Clock.systemUTC());

    @AfterEach
    void stop() {
        imports.stop();
    }

    private String started() {
        return imports.start(RegisterImport.Kind.PEOPLE, new StringReader(PEOPLE), "admin", Locale.FRENCH).id();
    }

    @Test
    void keepsTheTwentyRunsStartedLastHoweverOftenOlderOnesWereRead() {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            started.add(started());
        }
        for (int reads = 0; reads < 10; reads++) {
            started.forEach(imports::run); // the import page follows each run's progress
        }
        for (int i = 0; i < 5; i++) {
            started.add(started());
        }

        List<String> newestFirst = new ArrayList<>(started.subList(5, 25));
        java.util.Collections.reverse(newestFirst);
        assertThat(imports.runs()).extracting(run -> (String) run.get("importId")).containsExactlyElementsOf(newestFirst);
        assertThat(imports.run(started.get(4))).isEmpty();
        assertThat(imports.run(started.get(5))).isPresent();
        assertThat(imports.run(started.get(24))).map(run -> run.report().get("importId")).contains(started.get(24));
    }
}
