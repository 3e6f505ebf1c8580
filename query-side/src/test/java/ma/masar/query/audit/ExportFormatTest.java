package ma.masar.query.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A CSV cell a spreadsheet opens as text: never a formula, never a second line. */
class ExportFormatTest {

    @Test
    void aCellThatWouldRunAsAFormulaIsNeutralised() {
        assertThat(ExportFormat.cell("=HYPERLINK(\"http://x\")")).startsWith("\"'=HYPERLINK");
        assertThat(ExportFormat.cell("+1")).isEqualTo("'+1");
        assertThat(ExportFormat.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(ExportFormat.cell("\t=1+1")).isEqualTo("' =1+1");
        assertThat(ExportFormat.cell("\r=1+1")).isEqualTo("' =1+1");
        assertThat(ExportFormat.cell(-3L)).isEqualTo("-3");
    }

    @Test
    void aCellNeverBreaksTheLine() {
        assertThat(ExportFormat.cell("first\r\nsecond\u2028third")).isEqualTo("first  second third");
        assertThat(ExportFormat.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ExportFormat.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
