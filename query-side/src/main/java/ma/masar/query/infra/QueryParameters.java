package ma.masar.query.infra;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Turns request parameters into query values, with a 400 that names the allowed values when they do not fit. */
public final class QueryParameters {

    public static final int MAX_PAGE_SIZE = 100;

    private QueryParameters() {
    }

    public static <E extends Enum<E>> E optionalEnum(String parameter, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadQueryParameter(parameter, "Unknown " + parameter + " '" + value + "'; one of "
                    + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    public static Integer optionalYear(String parameter, Integer year) {
        if (year != null && (year < 1950 || year > 2100)) {
            throw new BadQueryParameter(parameter, parameter + " must be a year between 1950 and 2100");
        }
        return year;
    }

    public static int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0) {
            throw new BadQueryParameter("page", "page counts from 0");
        }
        return page;
    }

    public static int size(Integer size, int defaultSize, int maxSize) {
        if (size == null) {
            return defaultSize;
        }
        if (size < 1 || size > maxSize) {
            throw new BadQueryParameter("size", "size must be between 1 and " + maxSize);
        }
        return size;
    }

    public static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
