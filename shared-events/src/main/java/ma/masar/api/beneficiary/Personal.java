package ma.masar.api.beneficiary;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that holds personal data (names, ID numbers, addresses, notes, health and
 * disability details). Such fields are kept apart from the rest of an event so that they can be
 * encrypted with the beneficiary's own key and shredded on erasure, and are never logged.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Personal {
}
