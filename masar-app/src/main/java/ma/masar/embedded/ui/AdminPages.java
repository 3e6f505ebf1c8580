package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static ma.masar.embedded.ui.PageForms.pausedAfter;
import static ma.masar.embedded.ui.PageForms.text;

/**
 * The administrator's console, on the same public API as the other pages: what needs her (dead letters, read models
 * catching up, paused logins) and operations. Centres are {@link CentreAdminPages}, agreements
 * {@link PartnershipAdminPages}, staff {@link StaffPages}.
 */
@Controller
@RequestMapping("/admin")
class AdminPages {

    private final MasarApi api;

    AdminPages(MasarApi api) {
        this.api = api;
    }

    // ---- what needs the administrator

    /** What the home page counts; a null count means the API did not say (its problem is shown instead). */
    record Attention(Integer deadLetters, Integer pausedLogins, Boolean readModelsReady, Integer catchUpPercent,
                     List<CatchingUp> catchingUp) {
    }

    record CatchingUp(String name, int percent) {
    }

    @GetMapping
    String home(Model model) {
        ApiAnswer letters = api.get("/api/audit/dead-letters");
        ApiAnswer logins = api.get("/api/security/login-throttle");
        ApiAnswer catchUp = api.get("/api/stats/catching-up");
        Integer paused = null;
        if (logins.ok()) {
            paused = 0;
            Instant now = Instant.now();
            for (JsonNode failure : logins.body()) {
                if (pausedAfter(failure, now)) {
                    paused++;
                }
            }
        }
        List<CatchingUp> behind = new ArrayList<>();
        if (catchUp.ok()) {
            for (JsonNode readModel : catchUp.body().path("readModels")) {
                if (!readModel.path("caughtUp").asBoolean(false)) {
                    behind.add(new CatchingUp(readModel.path("name").asText(), readModel.path("percent").asInt()));
                }
            }
        }
        model.addAttribute("attention", new Attention(
                letters.ok() ? letters.body().size() : null, paused,
                catchUp.ok() ? catchUp.body().path("ready").asBoolean(false)
                               && !catchUp.body().path("behind").asBoolean(false) : null,
                catchUp.ok() ? catchUp.body().path("percent").asInt() : null, behind));
        model.addAttribute("problems", Arrays.asList(letters.problem(), logins.problem(), catchUp.problem()).stream()
                .filter(p -> p != null).distinct().toList());
        return "admin/home";
    }

    // ---- operations

    /** A dead letter as the API lists it. */
    record Letter(String group, String sequenceId, String eventType, String causeType, String causeMessage,
                  String attempts, String enqueuedAt) {
    }

    /** An account or address with failed logins; {@code paused} while its pause runs. */
    record Failures(String kind, String key, int failures, String lastFailure, String pausedUntil, boolean paused) {
    }

    @GetMapping("/operations")
    String operations(Model model) {
        ApiAnswer letters = api.get("/api/audit/dead-letters");
        List<Letter> list = new ArrayList<>();
        if (letters.ok()) {
            for (JsonNode l : letters.body()) {
                list.add(new Letter(text(l, "group"), text(l, "sequenceId"), text(l, "eventType"), text(l, "causeType"),
                        text(l, "causeMessage"), text(l, "attempts"), text(l, "enqueuedAt")));
            }
        }
        ApiAnswer logins = api.get("/api/security/login-throttle");
        List<Failures> failures = new ArrayList<>();
        if (logins.ok()) {
            Instant now = Instant.now();
            for (JsonNode f : logins.body()) {
                failures.add(new Failures(text(f, "kind"), text(f, "key"), f.path("failures").asInt(),
                        text(f, "lastFailure"), text(f, "pausedUntil"), pausedAfter(f, now)));
            }
        }
        model.addAttribute("letters", list);
        model.addAttribute("lettersProblem", letters.problem());
        model.addAttribute("failures", failures);
        model.addAttribute("loginsProblem", logins.problem());
        return "admin/operations";
    }

    @PostMapping("/operations/dead-letters/{group}/{sequenceId}/{action}")
    String deadLetter(@PathVariable String group, @PathVariable String sequenceId, @PathVariable String action,
                      RedirectAttributes redirect) {
        // dead-letter groups and sequence ids as the audit API names them (the auditor's pages accept the same)
        PageForms.checkAuditId(group);
        PageForms.checkAuditId(sequenceId);
        if (!List.of("retry", "evict").contains(action)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        ApiAnswer answer = api.post("/api/audit/dead-letters/" + group + "/" + sequenceId + "/" + action, null, null);
        return afterOperation(answer, "letter." + action, redirect);
    }

    @PostMapping("/operations/logins/release")
    String releaseLogin(@RequestParam String kind, @RequestParam String key, RedirectAttributes redirect) {
        if (!List.of("ACCOUNT", "ADDRESS").contains(kind) || key.isBlank() || key.length() > 200) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // an account is what someone typed at the login form: any character, so encoded as a path segment
        ApiAnswer answer = api.post("/api/security/login-throttle/" + kind + "/"
                + UriUtils.encodePathSegment(key, StandardCharsets.UTF_8) + "/release", null, null);
        return afterOperation(answer, "released", redirect);
    }

    /** An online copy of the embedded event store, where the operator exposed the endpoint (docs/OPERATIONS.md). */
    @PostMapping("/operations/backup")
    String backup(RedirectAttributes redirect) {
        ApiAnswer answer = api.post("/actuator/eventstorebackup", null, null);
        if (answer.ok()) {
            redirect.addFlashAttribute("backupFile", text(answer.body(), "file"));
            redirect.addFlashAttribute("backupBytes", answer.body().path("bytes").asLong());
        } else if (answer.problem().routeMissing()) {
            redirect.addFlashAttribute("backupNotExposed", true);
        }
        return afterOperation(answer, "backup", redirect);
    }

    private static String afterOperation(ApiAnswer answer, String done, RedirectAttributes redirect) {
        if (answer.ok()) {
            redirect.addFlashAttribute("done", done);
        } else if (!answer.problem().routeMissing()) {
            redirect.addFlashAttribute("problem", answer.problem());
        }
        return "redirect:/admin/operations";
    }
}
