package ma.masar.command;

import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;

import java.time.LocalDate;

/** Plausible commands for tests: centres in Fès-Meknès, people with Arabic and Latin names. */
public final class Samples {

    private Samples() {
    }

    public static OpenCentre centre(String id, CentreType type, int capacity) {
        return new OpenCentre(id, type, "مركز " + id, "Centre " + id, Region.FES_MEKNES, "Fès", capacity,
                Operator.agency(), type == CentreType.SOCIAL_CARE_INSTITUTION ? "AUT-14-05-" + id : null,
                LocalDate.of(2005, 1, 1));
    }

    public static RegisterBeneficiary person(String id, Sex sex, LocalDate dateOfBirth) {
        return person(id, sex, dateOfBirth, null);
    }

    public static RegisterBeneficiary person(String id, Sex sex, LocalDate dateOfBirth, String nationalId) {
        PersonalData personal = new PersonalData(sex == Sex.FEMALE ? "فاطمة" : "يوسف", "العلوي",
                sex == Sex.FEMALE ? "Fatima" : "Youssef", "El Alaoui", dateOfBirth, nationalId, "Derb 12, Fès", null);
        return new RegisterBeneficiary(id, personal, sex, Region.FES_MEKNES, "Fès", HouseholdSituation.POOR_HOUSEHOLD,
                LocalDate.of(2010, 1, 10));
    }
}
