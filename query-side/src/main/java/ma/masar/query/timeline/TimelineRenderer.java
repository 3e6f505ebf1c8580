package ma.masar.query.timeline;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ma.masar.query.centres.CentreDocuments.CentreName;
import org.bson.Document;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;

/**
 * Puts timeline entries into the words a social worker reads, from the bundles {@code i18n/timeline*.properties}:
 * one sentence per kind of fact ({@code timeline.<EventType>}) and the labels of the codes it mentions (regions,
 * programmes, outcomes, reasons...). The message source is this class's own, not the application's
 * {@code messageSource}, so that the embedded application keeps its own.
 */
@Component
public class TimelineRenderer {

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    public TimelineRenderer() {
        messages.setBasename("i18n/timeline");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    String render(Document entry, Document corrected, Map<String, CentreName> centres, TimelineLanguage language) {
        Document details = entry.get("details", new Document());
        String type = entry.getString("type");
        Words words = new Words(language, centres);
        String text = switch (type) {
            case "BeneficiaryRegistered" -> words.agreeing("timeline.BeneficiaryRegistered", details.getString("sex"),
                    words.label("sex", details.getString("sex")),
                    words.year(details.get("birthYear")),
                    words.label("region", details.getString("region")),
                    words.text(details.getString("province")),
                    words.agreeingLabel("household", details.getString("household"), details.getString("sex")));
            case "RegistrationCorrected" -> words.message("timeline.RegistrationCorrected",
                    corrected == null ? words.missing() : words.date(corrected.getString("occurredOn")),
                    changes(details, corrected == null ? null : corrected.get("details", Document.class), words),
                    words.text(details.getString("reason")));
            case "EnrolledInProgramme" -> words.message("timeline.EnrolledInProgramme",
                    words.label("programme", details.getString("programme")),
                    words.centre(entry.getString("centreId")));
            case "EnrolmentCompleted" -> words.message("timeline.EnrolmentCompleted",
                    words.label("programme", details.getString("programme")),
                    words.centre(entry.getString("centreId")),
                    words.label("outcome", details.getString("outcome")));
            case "EnrolmentWithdrawn" -> words.message("timeline.EnrolmentWithdrawn",
                    words.label("programme", details.getString("programme")),
                    words.centre(entry.getString("centreId")),
                    words.label("withdrawal", details.getString("reason")));
            case "DischargedFromInstitution" -> words.message("timeline.DischargedFromInstitution",
                    words.centre(entry.getString("centreId")),
                    words.label("discharge", details.getString("reason")));
            case "MovedToApprenticeship" -> words.message("timeline.MovedToApprenticeship",
                    words.centre(details.getString("orientationCentreId")),
                    words.centre(entry.getString("centreId")),
                    words.text(details.getString("hostCompany")),
                    words.date(entry.getString("occurredOn")));
            case "CaseNoteAdded" -> words.message("timeline.CaseNoteAdded", words.personal(details.getString("text")));
            case "ConsentGiven" -> words.message("timeline.ConsentGiven",
                    words.label("consent", details.getString("scope")),
                    words.text(details.getString("purpose")));
            case "ConsentWithdrawn" -> words.message("timeline.ConsentWithdrawn",
                    words.label("consent", details.getString("scope")));
            case "ReferredToPartner" -> words.message("timeline.ReferredToPartner",
                    words.text(details.getString("partnershipId")),
                    words.personal(details.getString("purpose")));
            case "FollowUpScheduled" -> words.message("timeline.FollowUpScheduled",
                    words.label("followUpKind", details.getString("kind")),
                    words.personal(details.getString("what")),
                    words.date(details.getString("dueOn")),
                    words.text(details.getString("assignedTo")));
            case "FollowUpDone" -> words.message("timeline.FollowUpDone",
                    words.label("followUpKind", details.getString("kind")));
            case "FollowUpCancelled" -> words.message("timeline.FollowUpCancelled",
                    words.label("followUpKind", details.getString("kind")));
            case "ReferralDeadlineSet" -> words.message("timeline.ReferralDeadlineSet",
                    words.text(details.getString("partnershipId")),
                    words.date(details.getString("respondBy")));
            case "ReferralOutcomeRecorded" -> words.message("timeline.ReferralOutcomeRecorded",
                    words.text(details.getString("partnershipId")),
                    words.label("referralOutcome", details.getString("outcome")));
            case "DifferentPersonStated" -> words.message("timeline.DifferentPersonStated",
                    words.ids(details.getList("notTheSameAs", String.class)));
            case "BeneficiariesMerged" -> entryOfSurvivor(entry, details)
                    ? words.message("timeline.BeneficiariesMerged.survivor", words.text(details.getString("duplicateId")),
                                    words.text(details.getString("reason")))
                    : words.message("timeline.BeneficiariesMerged.duplicate", words.text(details.getString("survivorId")),
                                    words.text(details.getString("reason")));
            case "MergeUndone" -> entryOfSurvivor(entry, details)
                    ? words.message("timeline.MergeUndone.survivor", words.text(details.getString("duplicateId")),
                                    words.text(details.getString("reason")))
                    : words.message("timeline.MergeUndone.duplicate", words.text(details.getString("survivorId")),
                                    words.text(details.getString("reason")));
            case "PersonalDataErased" -> words.message("timeline.PersonalDataErased",
                    words.label("legalGround", details.getString("legalGround")),
                    words.text(details.getString("requestReference")));
            case "ServiceDelivered" -> words.message("timeline.ServiceDelivered",
                    words.label("service", details.getString("service")),
                    words.label("programme", details.getString("programme")),
                    words.centre(entry.getString("centreId")));
            default -> words.message("timeline.other", type);
        };
        return text;
    }

    /** Put before a fact of a record merged into the one read. */
    String fromMerged(String duplicateId, TimelineLanguage language) {
        return new Words(language, Map.of()).message("timeline.fromMerged", duplicateId);
    }

    /** Whether the entry is in the survivor's stream: its {@code _id} starts with the survivor's id. */
    private static boolean entryOfSurvivor(Document entry, Document details) {
        String survivorId = details.getString("survivorId");
        return survivorId != null && entry.getString("_id").startsWith(survivorId + "/");
    }

    /** Appended to an entry recorded more than a day after it happened. */
    String backdated(LocalDate recordedOn, TimelineLanguage language) {
        Words words = new Words(language, Map.of());
        return words.message("timeline.backdated", words.date(recordedOn.toString()));
    }

    /** What a correction changed against what it corrects; names and ID numbers are not in the timeline. */
    private String changes(Document now, Document before, Words words) {
        List<String> changes = new ArrayList<>();
        if (before != null) {
            change(changes, words, "sex", "sex", now, before);
            change(changes, words, "birthYear", null, now, before);
            change(changes, words, "region", "region", now, before);
            change(changes, words, "province", null, now, before);
            change(changes, words, "household", "household", now, before);
        }
        if (changes.isEmpty()) {
            return words.message("field.identity");
        }
        return String.join(words.message("list.separator"), changes);
    }

    private void change(List<String> changes, Words words, String field, String labels, Document now,
                        Document before) {
        Object after = now.get(field);
        Object previous = before.get(field);
        if (Objects.equals(after, previous)) {
            return;
        }
        changes.add(words.message("timeline.change", words.message("field." + field),
                                  labels == null ? words.value(previous) : words.label(labels, (String) previous),
                                  labels == null ? words.value(after) : words.label(labels, (String) after)));
    }

    /** Words in one language. Arguments are passed as text, so that MessageFormat never formats 2010 as 2,010. */
    private final class Words {

        private final TimelineLanguage language;
        private final Map<String, CentreName> centres;
        private final DateTimeFormatter dates;

        Words(TimelineLanguage language, Map<String, CentreName> centres) {
            this.language = language;
            this.centres = centres;
            this.dates = DateTimeFormatter.ofPattern(messages.getMessage("date.pattern", null, language.locale()));
        }

        String message(String key, Object... arguments) {
            return messages.getMessage(key, arguments, language.locale());
        }

        /**
         * A sentence whose words agree with the person's sex ("née" of a woman, "né" of a man; مولودة, مولود):
         * {@code key.FEMALE} or {@code key.MALE} when the bundle has it, else {@code key}.
         */
        String agreeing(String key, String sex, Object... arguments) {
            String agreed = sex == null ? null
                    : messages.getMessage(key + "." + sex, arguments, null, language.locale());
            return agreed != null ? agreed : message(key, arguments);
        }

        /** A code's label that agrees with the person's sex when the bundle has one ({@code household.ORPHAN.FEMALE}). */
        String agreeingLabel(String kind, String code, String sex) {
            String agreed = code == null || sex == null ? null
                    : messages.getMessage(kind + "." + code + "." + sex, null, null, language.locale());
            return agreed != null ? agreed : label(kind, code);
        }

        String label(String kind, String code) {
            if (code == null) {
                return missing();
            }
            return messages.getMessage(kind + "." + code, null, code, language.locale());
        }

        String centre(String centreId) {
            if (centreId == null) {
                return missing();
            }
            CentreName name = centres.get(centreId);
            if (name == null) {
                return centreId;
            }
            String wanted = language == TimelineLanguage.AR ? name.arabic() : name.french();
            return wanted != null ? wanted : Objects.requireNonNullElse(name.french(), centreId);
        }

        String date(String isoDate) {
            return isoDate == null ? missing() : LocalDate.parse(isoDate).format(dates);
        }

        String ids(List<String> ids) {
            return ids == null || ids.isEmpty() ? missing() : String.join(message("list.separator"), ids);
        }

        String year(Object year) {
            return year == null ? missing() : year.toString();
        }

        String text(String text) {
            return text == null || text.isBlank() ? missing() : text;
        }

        /** A personal text (a note, a referral purpose); once the person is erased it is gone, and says so. */
        String personal(String text) {
            return text == null || text.isBlank() ? messages.getMessage("value.erased", null, "—", language.locale())
                    : text;
        }

        String value(Object value) {
            return value == null ? missing() : value.toString();
        }

        String missing() {
            return messages.getMessage("value.missing", null, "—", language.locale());
        }
    }
}
