package ma.masar.query.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The sentences of the timeline agree with the person they speak of. */
class TimelineRendererTest {

    private final TimelineRenderer renderer = new TimelineRenderer();

    @Test
    void aWomanIsNeeAndAManNeInFrench() {
        assertThat(registration("FEMALE", "ORPHAN", TimelineLanguage.FR)).isEqualTo(
                "Enregistrement du dossier : femme, née en 1998, région Fès-Meknès, province Sefrou. "
                        + "Situation du ménage : orpheline.");
        assertThat(registration("MALE", "ABANDONED_CHILD", TimelineLanguage.FR)).isEqualTo(
                "Enregistrement du dossier : homme, né en 1998, région Fès-Meknès, province Sefrou. "
                        + "Situation du ménage : enfant abandonné.");
    }

    @Test
    void aWomanIsMawludaAndAManMawludInArabic() {
        assertThat(registration("FEMALE", "ORPHAN", TimelineLanguage.AR)).isEqualTo(
                "تسجيل الملف: أنثى، مولودة سنة 1998، جهة فاس مكناس، إقليم Sefrou. الوضعية الأسرية: يتيمة.");
        assertThat(registration("MALE", "POOR_HOUSEHOLD", TimelineLanguage.AR)).isEqualTo(
                "تسجيل الملف: ذكر، مولود سنة 1998، جهة فاس مكناس، إقليم Sefrou. الوضعية الأسرية: أسرة فقيرة.");
    }

    @Test
    void aRecordThatDoesNotSayTheSexKeepsTheNeutralWording() {
        assertThat(registration(null, "ORPHAN", TimelineLanguage.FR)).startsWith("Enregistrement du dossier : —, né(e) en 1998")
                .endsWith("Situation du ménage : orphelin(e).");
    }

    private String registration(String sex, String household, TimelineLanguage language) {
        Document details = new Document("birthYear", 1998).append("region", "FES_MEKNES").append("province", "Sefrou")
                .append("household", household);
        if (sex != null) {
            details.append("sex", sex);
        }
        Document entry = new Document("type", "BeneficiaryRegistered").append("details", details);
        return renderer.render(entry, null, Map.of(), language);
    }
}
