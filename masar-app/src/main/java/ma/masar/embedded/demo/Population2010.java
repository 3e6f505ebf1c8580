package ma.masar.embedded.demo;

import ma.masar.api.common.CentreType;
import ma.masar.api.common.ProgrammeType;

import java.util.List;

/**
 * The agency's published 2010 figures (shared/seed: the article on its 54th anniversary), and the plan
 * that completes them to the 284,366 people it served that year.
 */
final class Population2010 {

    /** People and centres per programme. The first five are the article's; orientation and apprenticeship
     *  make up the rest of the 284,366 (the article gives no split: ours is a plausible one). */
    record Programme(ProgrammeType programme, CentreType centreType, int people, int centres) {
    }

    static final List<Programme> PROGRAMMES = List.of(
            new Programme(ProgrammeType.EDUCATION_TRAINING, CentreType.EDUCATION_TRAINING_CENTRE, 106_637, 1_079),
            new Programme(ProgrammeType.SOCIAL_CARE, CentreType.SOCIAL_CARE_INSTITUTION, 67_860, 925),
            new Programme(ProgrammeType.PRESCHOOL, CentreType.KINDERGARTEN, 20_668, 583),
            new Programme(ProgrammeType.CITIZEN_HOUSE, CentreType.CITIZEN_HOUSE, 16_419, 55),
            new Programme(ProgrammeType.DISABILITY_SUPPORT, CentreType.DISABILITY_CENTRE, 7_709, 27),
            new Programme(ProgrammeType.VOCATIONAL_ORIENTATION, CentreType.VOCATIONAL_FAMILIARISATION_CENTRE, 45_000, 90),
            new Programme(ProgrammeType.APPRENTICESHIP, CentreType.APPRENTICESHIP_CENTRE, 20_073, 60));

    static final int PEOPLE = 284_366;
    /** Youths moved from vocational orientation to apprenticeship during 2010 (counted in both). */
    static final int MOVED_TO_APPRENTICESHIP = 9_000;
    static final int AGREEMENTS_SIGNED_IN_2010 = 190;
    static final int PARTNERS_IN_ALL = 2_785;

    private Population2010() {
    }

    static int scaled(int figure, double scale) {
        return scale >= 1.0 ? figure : Math.max(1, (int) Math.round(figure * scale));
    }
}
