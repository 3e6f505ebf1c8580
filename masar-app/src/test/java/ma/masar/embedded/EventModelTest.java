package ma.masar.embedded;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/EVENT-MODEL.md is where a newcomer finds, for every command, its endpoint, the class that decides it, the
 * events it records and the read models they feed. This test reads the code (handlers, controllers, projections)
 * and holds the table to it, so that a renamed class, a new command or a new projection cannot leave it behind.
 */
class EventModelTest {

    private static final Path DOC = Path.of("..", "docs", "EVENT-MODEL.md");
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([\\w() ]+)` \\| (.*?) \\| `(\\w+)` \\| (.*?) \\| ?(.*?) ?\\|$");
    /** The one row that is not a command: a read that records who opened a case. */
    private static final String A_READ = "(a read)";
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    private final List<Class<?>> classes = scan("ma.masar.api", "ma.masar.command", "ma.masar.query");

    @Test
    void everyCommandIsListedWithTheClassThatHandlesIt() throws IOException {
        Map<String, Row> commands = new TreeMap<>(rows());
        assertThat(classes).extracting(Class::getSimpleName).as("the class that records a read")
                .contains(commands.remove(A_READ).handledBy());
        assertThat(commands.keySet()).as("commands in " + DOC).isEqualTo(commandHandlers().keySet());
        commands.forEach((command, row) -> assertThat(row.handledBy()).as(command + " handled by")
                .isEqualTo(commandHandlers().get(command)));
    }

    @Test
    void everyEventIsRecordedBySomeCommandAndFeedsTheReadModelsListed() throws IOException {
        Set<String> events = classes.stream().filter(type -> type.isAnnotationPresent(Revision.class))
                .map(Class::getSimpleName).collect(Collectors.toCollection(TreeSet::new));
        Map<String, Set<String>> feeds = readModelsByEvent();
        Set<String> listed = new TreeSet<>();
        rows().forEach((command, row) -> {
            assertThat(events).as(command + "'s events").containsAll(row.events());
            listed.addAll(row.events());
            Set<String> fed = row.events().stream().flatMap(event -> feeds.getOrDefault(event, Set.of()).stream())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(row.readModels()).as(command + "'s read models").isEqualTo(fed);
        });
        assertThat(listed).as("events recorded by no command in " + DOC).isEqualTo(events);
    }

    @Test
    void everyEndpointListedIsMapped() throws IOException {
        Set<String> mapped = endpoints();
        rows().forEach((command, row) -> assertThat(mapped).as(command + "'s endpoints").containsAll(row.endpoints()));
    }

    // ---- what the code says

    private Map<String, String> commandHandlers() {
        Map<String, String> handlers = new TreeMap<>();
        for (Class<?> type : classes) {
            Stream.concat(Arrays.stream(type.getDeclaredMethods()), Arrays.stream(type.getDeclaredConstructors()))
                    .filter(handler -> handler.isAnnotationPresent(CommandHandler.class))
                    .forEach(handler -> handlers.put(handler.getParameterTypes()[0].getSimpleName(),
                            type.getSimpleName()));
        }
        return handlers;
    }

    private Map<String, Set<String>> readModelsByEvent() {
        Map<String, Set<String>> feeds = new TreeMap<>();
        for (Class<?> type : classes) {
            ProcessingGroup group = type.getAnnotation(ProcessingGroup.class);
            if (group == null) {
                continue;
            }
            for (Method handler : type.getDeclaredMethods()) {
                if (handler.isAnnotationPresent(EventHandler.class)) {
                    // a handler of a sealed type (EnrolmentEvent) is fed by each of the events it permits
                    Class<?> payload = handler.getParameterTypes()[0];
                    Class<?>[] events = payload.isSealed() ? payload.getPermittedSubclasses() : new Class<?>[] {payload};
                    for (Class<?> event : events) {
                        feeds.computeIfAbsent(event.getSimpleName(), e -> new TreeSet<>()).add(group.value());
                    }
                }
            }
        }
        return feeds;
    }

    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (Class<?> type : classes) {
            if (!type.isAnnotationPresent(RestController.class)) {
                continue;
            }
            RequestMapping root = AnnotatedElementUtils.findMergedAnnotation(type, RequestMapping.class);
            List<String> prefixes = root == null || root.path().length == 0 ? List.of("") : List.of(root.path());
            for (Method method : type.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                List<String> paths = mapping.path().length == 0 ? List.of("") : List.of(mapping.path());
                for (var verb : mapping.method()) {
                    for (String prefix : prefixes) {
                        for (String path : paths) {
                            endpoints.add(verb + " " + prefix + path);
                        }
                    }
                }
            }
        }
        return endpoints;
    }

    private static List<Class<?>> scan(String... packages) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent();
            }
        };
        scanner.addIncludeFilter((reader, factory) -> true);
        List<Class<?>> found = new ArrayList<>();
        for (String base : packages) {
            for (var definition : scanner.findCandidateComponents(base)) {
                try {
                    found.add(Class.forName(definition.getBeanClassName()));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return found;
    }

    // ---- what the table says

    private record Row(List<String> endpoints, String handledBy, List<String> events, Set<String> readModels) {
    }

    private static Map<String, Row> rows() throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        for (String line : Files.readAllLines(DOC)) {
            Matcher row = ROW.matcher(line.strip());
            if (row.matches() && !row.group(1).equals("command")) {
                rows.put(row.group(1), new Row(names(row.group(2)), row.group(3), names(row.group(4)),
                        new TreeSet<>(names(row.group(5)))));
            }
        }
        return rows;
    }

    private static List<String> names(String cell) {
        List<String> names = new ArrayList<>();
        Matcher name = NAME.matcher(cell);
        while (name.find()) {
            names.add(name.group(1));
        }
        return names;
    }

    /** Prints what the code says, to write the table from: run with -Devent-model.print=true. */
    @Test
    void print() {
        if (!Boolean.getBoolean("event-model.print")) {
            return;
        }
        System.out.println("HANDLERS " + commandHandlers());
        System.out.println("FEEDS " + readModelsByEvent());
        System.out.println("ENDPOINTS " + endpoints());
        System.out.println("EVENTS " + classes.stream().filter(t -> t.isAnnotationPresent(Revision.class))
                .map(Class::getSimpleName).sorted().toList());
    }
}
