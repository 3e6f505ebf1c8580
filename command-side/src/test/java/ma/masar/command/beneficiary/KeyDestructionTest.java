package ma.masar.command.beneficiary;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.personal.EmbeddedPersonalDataKeys;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure's key is destroyed before the erasure is acknowledged, once it is stored: whoever reads her case after
 * the answer finds it erased. (After a crash in between, the processor destroys it:
 * {@code ConsentAndErasureRulesTest}.)
 */
class KeyDestructionTest {

    private final EmbeddedPersonalDataKeys keys =
            new EmbeddedPersonalDataKeys("jdbc:h2:mem:keys-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();

    @AfterEach
    void closeKeys() {
        keys.close();
    }

    @Test
    void theKeyIsGoneWhenTheErasureIsAnsweredAndNotWhileItIsHandled() {
        keys.keyToEncrypt("p1");
        new KeyDestruction(keys, commandBus);
        List<Boolean> keyPresentWhileHandled = new ArrayList<>();
        commandBus.subscribe(ErasePersonalData.class.getName(), command -> {
            keyPresentWhileHandled.add(keys.keyToDecrypt("p1").present());
            return null;
        });

        CommandResultMessage<?> answer = dispatch(erasure());

        assertThat(answer.isExceptional()).isFalse();
        assertThat(keyPresentWhileHandled).as("before the erasure is stored").containsExactly(true);
        assertThat(keys.keyToDecrypt("p1").destroyed()).as("when the erasure is answered").isTrue();
    }

    @Test
    void aRefusedErasureLeavesTheKey() {
        keys.keyToEncrypt("p1");
        new KeyDestruction(keys, commandBus);
        commandBus.subscribe(ErasePersonalData.class.getName(), command -> {
            throw new IllegalStateException("refused");
        });

        assertThat(dispatch(erasure()).isExceptional()).isTrue();
        assertThat(keys.keyToDecrypt("p1").present()).isTrue();
    }

    private CommandResultMessage<?> dispatch(ErasePersonalData erasure) {
        List<CommandResultMessage<?>> answers = new ArrayList<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(erasure),
                            (message, result) -> answers.add(result));
        return answers.get(0);
    }

    private static ErasePersonalData erasure() {
        return new ErasePersonalData("p1", LegalGround.CONSENT_WITHDRAWN, "DEM-2010-017", LocalDate.of(2010, 3, 1));
    }
}
