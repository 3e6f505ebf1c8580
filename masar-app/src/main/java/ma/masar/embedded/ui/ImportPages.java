package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The administrator's bulk import: she uploads a register's CSV file (people or enrolments; formats in docs/import/),
 * follows the run on a progress bar, and reads the refused rows with the rule of each in her language. The file
 * goes to the API as it is ({@code POST /api/imports/{kind}}); the page shows what the API answers.
 */
@Controller
@RequestMapping("/admin/imports")
class ImportPages {

    private static final Set<String> KINDS = Set.of("people", "enrolments");
    private static final Pattern ID = Pattern.compile("[0-9a-f-]{36}");

    private final MasarApi api;
    private final CatchingUpBanner catchingUp;

    ImportPages(MasarApi api, CatchingUpBanner catchingUp) {
        this.api = api;
        this.catchingUp = catchingUp;
    }

    @GetMapping
    String imports(Model model) {
        ApiAnswer runs = api.get("/api/imports");
        model.addAttribute("runs", runs.ok() ? runs.body() : null);
        model.addAttribute("problem", runs.problem());
        return "admin/imports";
    }

    @PostMapping
    String upload(@RequestParam String kind, @RequestParam("file") MultipartFile file, Model model) throws IOException {
        if (!KINDS.contains(kind)) {
            return imports(model);
        }
        ApiAnswer started = api.postFile("/api/imports/" + kind, file.getBytes(), MediaType.parseMediaType("text/csv"));
        if (!started.ok()) {
            imports(model);
            model.addAttribute("problem", started.problem());
            return "admin/imports";
        }
        return "redirect:/admin/imports/" + started.body().path("importId").asText();
    }

    @GetMapping("/{importId}")
    String run(@PathVariable String importId, Model model) {
        progress(importId, model);
        return "admin/import";
    }

    /**
     * Asked every second by the progress bar while the import runs, and after it while the read models catch up with
     * what it recorded: until then the search and the counts do not show all of it.
     */
    @GetMapping("/{importId}/progress")
    String progress(@PathVariable String importId, Model model) {
        if (!ID.matcher(importId).matches()) {
            throw new IllegalArgumentException("not an import id");
        }
        ApiAnswer answer = api.get("/api/imports/" + importId);
        JsonNode run = answer.ok() ? answer.body() : null;
        model.addAttribute("run", run);
        boolean running = run != null && !run.path("endedAt").isTextual();
        Integer readModels = run == null ? null : catchingUp.percent();
        model.addAttribute("running", running);
        model.addAttribute("readModelsCatchingUp", readModels);
        model.addAttribute("asking", running || readModels != null);
        model.addAttribute("problem", answer.problem());
        return "admin/import :: progress";
    }
}
