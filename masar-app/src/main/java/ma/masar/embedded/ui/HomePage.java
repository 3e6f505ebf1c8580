package ma.masar.embedded.ui;

import ma.masar.embedded.demo.DemoDataProgress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page: what Masar is, who uses it for what, and how far the demo data is while it loads. */
@Controller
class HomePage {

    private final DemoDataProgress demo;
    private final boolean demoEnabled;

    HomePage(DemoDataProgress demo, @Value("${masar.demo.enabled:false}") boolean demoEnabled) {
        this.demo = demo;
        this.demoEnabled = demoEnabled;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("role", "home");
        model.addAttribute("demo", demo.snapshot());
        model.addAttribute("demoEnabled", demoEnabled);
        return "home";
    }

    /** Asked every second by the home page while the demo data loads; stops asking once it is done. */
    @GetMapping("/demo-progress")
    String progress(Model model) {
        model.addAttribute("demo", demo.snapshot());
        model.addAttribute("demoEnabled", demoEnabled);
        return "home :: demo";
    }
}
