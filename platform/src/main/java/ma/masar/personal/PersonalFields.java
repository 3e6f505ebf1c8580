package ma.masar.personal;

import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.Personal;

import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@link Personal} components of a message about one beneficiary, looked up once per class. Only top-level
 * record components count; a component's JSON property is its name.
 */
final class PersonalFields {

    record Field(String name, Class<?> type) {
    }

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

    private PersonalFields() {
    }

    static List<Field> of(Class<?> type) {
        return FIELDS.computeIfAbsent(type, PersonalFields::find);
    }

    private static List<Field> find(Class<?> type) {
        if (!type.isRecord() || !AboutBeneficiary.class.isAssignableFrom(type)) {
            return List.of();
        }
        return Stream.of(type.getRecordComponents())
                     .filter(component -> component.isAnnotationPresent(Personal.class))
                     .map(PersonalFields::field)
                     .toList();
    }

    private static Field field(RecordComponent component) {
        if (component.getType().isPrimitive()) {
            throw new IllegalStateException("@Personal on a primitive cannot be erased: " + component);
        }
        return new Field(component.getName(), component.getType());
    }
}
