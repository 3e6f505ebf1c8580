package ma.masar.embedded.demo;

import ma.masar.api.common.CentreType;
import ma.masar.api.partnership.PartnerType;

import java.util.List;

/** The demo's names: a centre's id prefix and its Arabic and French name, partners, and what agreements are about. */
final class DemoNames {

    static final List<String> SUBJECTS = List.of(
            "Alphabétisation des femmes", "Gestion d'un centre d'éducation et de formation",
            "Prise en charge des personnes âgées", "Équipement d'un jardin d'enfants",
            "Formation par apprentissage", "Animation d'une Dar Al Mouatine");

    private DemoNames() {
    }

    static String prefix(CentreType type) {
        return switch (type) {
            case SOCIAL_CARE_INSTITUTION -> "EPS";
            case EDUCATION_TRAINING_CENTRE -> "CEF";
            case VOCATIONAL_FAMILIARISATION_CENTRE -> "CFP";
            case APPRENTICESHIP_CENTRE -> "CFA";
            case KINDERGARTEN -> "JE";
            case CITIZEN_HOUSE -> "DM";
            case DISABILITY_CENTRE -> "CPH";
        };
    }

    static String nameAr(CentreType type, String province, int n) {
        String kind = switch (type) {
            case SOCIAL_CARE_INSTITUTION -> "مؤسسة الرعاية الاجتماعية";
            case EDUCATION_TRAINING_CENTRE -> "مركز التربية والتكوين";
            case VOCATIONAL_FAMILIARISATION_CENTRE -> "مركز الاستئناس المهني";
            case APPRENTICESHIP_CENTRE -> "مركز التدرج المهني";
            case KINDERGARTEN -> "روض الأطفال";
            case CITIZEN_HOUSE -> "دار المواطن";
            case DISABILITY_CENTRE -> "مركز الأشخاص في وضعية إعاقة";
        };
        return kind + " " + province + " " + n;
    }

    static String nameFr(CentreType type, String province, int n) {
        String kind = switch (type) {
            case SOCIAL_CARE_INSTITUTION -> "Établissement de protection sociale";
            case EDUCATION_TRAINING_CENTRE -> "Centre d'éducation et de formation";
            case VOCATIONAL_FAMILIARISATION_CENTRE -> "Centre de familiarisation professionnelle";
            case APPRENTICESHIP_CENTRE -> "Centre de formation par apprentissage";
            case KINDERGARTEN -> "Jardin d'enfants";
            case CITIZEN_HOUSE -> "Dar Al Mouatine";
            case DISABILITY_CENTRE -> "Centre pour personnes en situation de handicap";
        };
        return kind + " " + province + " " + n;
    }

    static String partnerName(PartnerType type, int n) {
        return switch (type) {
            case COMMUNE -> "Commune n° " + (n + 1);
            case PUBLIC_INSTITUTION -> "Établissement public n° " + (n + 1);
            case NATIONAL_NGO -> "Association nationale n° " + (n + 1);
            case FOREIGN_NGO -> "ONG étrangère n° " + (n + 1);
            case PRIVATE_COMPANY -> "Entreprise n° " + (n + 1);
        };
    }
}
