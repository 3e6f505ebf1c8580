package ma.masar.embedded.demo;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The demo data's progress, for the UI's first page. No personal data: counts only. */
@RestController
class DemoDataController {

    private final DemoDataProgress progress;

    DemoDataController(DemoDataProgress progress) {
        this.progress = progress;
    }

    @GetMapping("/api/demo/progress")
    DemoDataProgress.Snapshot progress() {
        return progress.snapshot();
    }
}
