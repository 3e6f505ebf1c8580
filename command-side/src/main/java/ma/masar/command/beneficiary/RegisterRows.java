package ma.masar.command.beneficiary;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import jakarta.validation.Validator;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.command.beneficiary.RegisterImport.Kind;
import ma.masar.command.beneficiary.RegisterImport.UnusableFile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A register's CSV file as {@link RegisterImport} reads it: the file refused whole when its columns are not the
 * kind's, and each row turned into the command the API would send, through the API's own request record and its
 * validation, with identifiers derived from the register's row id alone (so a re-run stores nothing twice).
 */
final class RegisterRows {

    static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");

    private final Validator validator;
    private final ObjectMapper json;
    private final Clock clock;

    RegisterRows(Validator validator, ObjectMapper json, Clock clock) {
        this.validator = validator;
        this.json = json;
        this.clock = clock;
    }

    List<Map<String, String>> read(Kind kind, Reader csv) {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withStrictHeaders(false);
        List<Map<String, String>> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> lines = mapper.readerForMapOf(String.class).with(schema)
                .readValues(csv)) {
            CsvSchema header = null;
            while (lines.hasNextValue()) {
                Map<String, String> row = lines.nextValue();
                if (header == null) {
                    header = (CsvSchema) lines.getParserSchema();
                    checkColumns(kind, header);
                }
                rows.add(row);
            }
            if (header == null) {
                throw new UnusableFile("the file has no row after its header line");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UnusableFile unusable) {
                throw unusable;
            }
            throw new UnusableFile("not a CSV file with a header line: " + e.getClass().getSimpleName());
        }
        return rows;
    }

    private static void checkColumns(Kind kind, CsvSchema header) {
        List<String> columns = new ArrayList<>();
        header.forEach(column -> columns.add(column.getName()));
        List<String> missing = kind.required.stream().filter(name -> !columns.contains(name)).toList();
        List<String> unknown = columns.stream()
                .filter(name -> !kind.required.contains(name) && !kind.optional.contains(name)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new UnusableFile("columns of " + kind.name().toLowerCase(Locale.ROOT) + ": required "
                    + kind.required + ", optional " + kind.optional + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unknown.isEmpty() ? "" : "; unknown " + unknown));
        }
    }

    RegisterBeneficiary person(String sourceId, Map<String, String> row) {
        Map<String, String> body = new LinkedHashMap<>(row);
        body.remove("sourceId");
        BeneficiaryCommandController.PersonRequest request = valid(body, BeneficiaryCommandController.PersonRequest.class);
        LocalDate registeredOn = request.registeredOn() != null ? request.registeredOn() : LocalDate.now(clock);
        return new RegisterBeneficiary(personId(sourceId), request.personal(), request.sex(), request.region(),
                request.province(), request.household(), registeredOn);
    }

    EnrolInProgramme enrolment(String sourceId, Map<String, String> row) {
        String person = row.get("personSourceId");
        if (person == null || !SOURCE_ID.matcher(person).matches()) {
            throw new InvalidRow(List.of("personSourceId"));
        }
        Map<String, String> body = new LinkedHashMap<>(row);
        body.remove("sourceId");
        body.remove("personSourceId");
        EnrolmentCommandController.EnrolmentRequest request =
                valid(body, EnrolmentCommandController.EnrolmentRequest.class);
        return new EnrolInProgramme(personId(person), idOf("enrolment", sourceId), request.centreId(),
                request.programme(), request.enrolledOn(), request.hostCompany());
    }

    /**
     * The API's request record, read and validated as the API reads its JSON body. Every field at fault is named: a
     * value that cannot be read (an unknown code, a date that is no date) is set aside and the rest still validated.
     */
    private <T> T valid(Map<String, String> body, Class<T> type) {
        Map<String, String> readable = new LinkedHashMap<>(body);
        SortedSet<String> faulty = new TreeSet<>();
        T request = null;
        while (request == null) {
            try {
                request = json.convertValue(readable, type);
            } catch (IllegalArgumentException e) {
                String field = fieldOf(e);
                if (field == null || !readable.containsKey(field) || readable.get(field) == null) {
                    throw new InvalidRow(List.of("row"));
                }
                faulty.add(field);
                readable.put(field, null);
            }
        }
        validator.validate(request).forEach(violation -> faulty.add(violation.getPropertyPath().toString()));
        if (!faulty.isEmpty()) {
            throw new InvalidRow(List.copyOf(faulty));
        }
        return request;
    }

    private static String fieldOf(IllegalArgumentException e) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            return mapping.getPath().stream().map(reference -> reference.getFieldName())
                    .filter(Objects::nonNull).findFirst().orElse(null);
        }
        return null;
    }

    static String personId(String sourceId) {
        return idOf("person", sourceId);
    }

    private static String idOf(String kind, String sourceId) {
        return UUID.nameUUIDFromBytes(("import\n" + kind + "\n" + sourceId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A row whose fields the API would refuse: the fields at fault, never their content. */
    static final class InvalidRow extends RuntimeException {
        final List<String> fields;

        InvalidRow(List<String> fields) {
            super(null, null, false, false);
            this.fields = fields;
        }
    }
}
