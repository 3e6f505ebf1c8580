package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the API's refusal shows on a form: at the field it names, or above the form. */
class FormStateTest {

    private static final ObjectMapper json = new ObjectMapper();

    @Test
    void anInvalidFieldShowsTheApiMessageAtThatField() throws Exception {
        ApiProblem problem = ApiProblem.of(400, json.readTree("""
                {"title":"Requête invalide","detail":"nationalId: ...","errors":[
                 {"field":"nationalId","message":"doit correspondre à ..."}]}"""));
        FormState form = FormState.refused(Map.of("nationalId", "12", "idempotencyKey", "k1"), problem, Map.of());

        assertThat(form.error("nationalId")).isEqualTo("doit correspondre à ...");
        assertThat(form.general()).isNull();
        assertThat(form.key()).as("a retry of the same facts keeps its key").isEqualTo("k1");
    }

    @Test
    void aBrokenRuleShowsItsTitleAtTheFieldTheFormNamesForIt() throws Exception {
        ApiProblem problem = ApiProblem.of(409, json.readTree("""
                {"title":"Le centre est complet","detail":"Les 40 places de ce centre sont toutes occupées",
                 "rule":"CentreIsFull","arguments":{"capacity":"40"}}"""));
        FormState form = FormState.refused(Map.of("centreId", "c1"), problem, Map.of("CentreIsFull", "centreId"));

        assertThat(form.error("centreId")).isEqualTo("Le centre est complet");
        assertThat(form.general()).isNull();
    }

    @Test
    void aRuleNoFieldIsAboutShowsAboveTheFormWithWhatItQuotes() throws Exception {
        ApiProblem problem = ApiProblem.of(409, json.readTree("""
                {"title":"Ce numéro de CIN est déjà enregistré","rule":"NationalIdAlreadyRegistered",
                 "arguments":{"existingBeneficiaryId":"b-42"}}"""));
        FormState form = FormState.refused(Map.of("givenNameAr", "x"), problem, Map.of());

        assertThat(form.general()).isEqualTo("Ce numéro de CIN est déjà enregistré");
        assertThat(form.argument("existingBeneficiaryId")).isEqualTo("b-42");
    }

    @Test
    void anApiThatDidNotAnswerIsSaidInThePagesOwnWords() {
        FormState form = FormState.refused(Map.of("text", "note"), ApiProblem.unreadable(503), Map.of());

        assertThat(form.unexplained()).isTrue();
        assertThat(form.general()).isNull();
    }

    @Test
    void springsOwnNotFoundForAPathNoControllerServesIsTold() throws Exception {
        ApiProblem missing = ApiProblem.of(404, json.readTree("""
                {"title":"Not Found","status":404,"detail":"No static resource api/audit/rebuilds."}"""));
        ApiProblem noSuchCase = ApiProblem.of(404, json.readTree("""
                {"title":"Not found","status":404,"detail":"No case is recorded under x"}"""));

        assertThat(missing.routeMissing()).isTrue();
        assertThat(noSuchCase.routeMissing()).isFalse();
    }
}
