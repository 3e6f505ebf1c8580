/* Masar's pages: the little that is not htmx. Charts of the manager's dashboard (drawn again after each live
   update of the panel), the cancel buttons of the action forms, and what the content security policy keeps out of
   the templates (inline handlers, style attributes, evaluated trigger filters). */
(function () {
    "use strict";

    var charts = {};

    function draw(canvasId, labels, datasets, data, horizontal) {
        var canvas = document.getElementById(canvasId);
        if (!canvas || typeof Chart === "undefined") {
            return;
        }
        var existing = charts[canvasId];
        if (existing && existing.canvas === canvas) {
            // same canvas: update in place, no flicker
            existing.data.labels = labels;
            existing.data.datasets.forEach(function (set, i) { set.data = datasets[i].data; });
            existing.update("none");
            return;
        }
        if (existing) {
            existing.destroy();
        }
        var valueAxis = horizontal ? "x" : "y";
        var labelAxis = horizontal ? "y" : "x";
        var scales = {};
        scales[valueAxis] = { beginAtZero: true, reverse: horizontal && data.rtl, ticks: { precision: 0 } };
        scales[labelAxis] = { reverse: !horizontal && data.rtl, position: horizontal && data.rtl ? "right" : undefined };
        charts[canvasId] = new Chart(canvas, {
            type: "bar",
            data: { labels: labels, datasets: datasets },
            options: {
                indexAxis: horizontal ? "y" : "x",
                locale: data.locale,
                maintainAspectRatio: false,
                animation: false,
                scales: scales,
                plugins: {
                    legend: { rtl: data.rtl, textDirection: data.rtl ? "rtl" : "ltr" },
                    tooltip: { rtl: data.rtl, textDirection: data.rtl ? "rtl" : "ltr" }
                }
            }
        });
    }

    function drawDashboard() {
        var panel = document.querySelector(".panel[data-chart]");
        if (!panel) {
            return;
        }
        var data = JSON.parse(panel.getAttribute("data-chart"));
        draw("chart-programmes", data.programmes.labels, [
            { label: data.series.enrolled, data: data.programmes.enrolled, backgroundColor: "#0f766e" },
            { label: data.series.active, data: data.programmes.active, backgroundColor: "#d97706" },
            { label: data.series.completed, data: data.programmes.completed, backgroundColor: "#64748b" }
        ], data, false);
        draw("chart-regions", data.regions.labels, [
            { label: data.series.enrolled, data: data.regions.enrolled, backgroundColor: "#0f766e" },
            { label: data.series.active, data: data.regions.active, backgroundColor: "#d97706" }
        ], data, true);
        window.masarPanelUpdatedAt = Date.now();
    }

    /** The totals of a counts message go straight into the tiles; the panel's own refresh follows. */
    document.addEventListener("htmx:sseMessage", function (event) {
        var message = event.detail;
        var panel = document.querySelector(".panel[data-enrolled]");
        if (!message || message.type !== "counts" || !panel) {
            return;
        }
        var total;
        try {
            total = JSON.parse(message.data).total;
        } catch (e) {
            return;
        }
        if (!total) {
            return;
        }
        var format = new Intl.NumberFormat(panel.getAttribute("data-locale") || undefined);
        document.querySelectorAll(".tile[data-tally]").forEach(function (tile) {
            var value = total[tile.getAttribute("data-tally")];
            if (typeof value === "number") {
                tile.querySelector(".tile-number").textContent = format.format(value);
            }
        });
        panel.setAttribute("data-enrolled", String(total.enrolled));
        window.masarCountsAt = Date.now();
    });

    /* Occupancy meters: their width is set here, as the content security policy refuses style attributes. */
    function fillMeters(root) {
        root.querySelectorAll(".meter-fill[data-percent]").forEach(function (fill) {
            fill.style.inlineSize = Math.max(0, Math.min(100, Number(fill.getAttribute("data-percent")))) + "%";
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        drawDashboard();
        fillMeters(document);
    });
    document.addEventListener("htmx:afterSettle", function (event) {
        if (event.target && event.target.id === "panel") {
            drawDashboard();
        }
        if (event.target && event.target.querySelectorAll) {
            fillMeters(event.target);
        }
    });

    /** A message of the timeline's live stream holds a fact the case page does not show yet. */
    function timelineChanged(message) {
        var live = document.querySelector("#case-live .live");
        try {
            var entries = JSON.parse(message.data).entries;
            return !live || String(entries.length) !== live.getAttribute("data-entries");
        } catch (e) {
            return true;
        }
    }

    // The case page asks for its new state only when the stream shows something new. (A trigger filter,
    // sse:timeline[...], is evaluated JavaScript, which the content security policy refuses.)
    document.addEventListener("htmx:confirm", function (event) {
        var trigger = event.detail.triggeringEvent;
        if (trigger && trigger.type === "sse:timeline" && !timelineChanged(trigger.detail)) {
            event.preventDefault();
        }
    });

    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-clear]");
        if (button) {
            var target = document.querySelector(button.getAttribute("data-clear"));
            if (target) {
                target.innerHTML = "";
            }
        }
    });

    // A narrower filter no longer holds once a wider one changes: clear it and show the new choice at once.
    // (Inline handlers would need the content security policy to allow inline scripts.)
    document.addEventListener("change", function (event) {
        var select = event.target;
        if (!select.matches || !select.matches("select[data-clears]")) {
            return;
        }
        select.getAttribute("data-clears").split(" ").forEach(function (name) {
            if (select.form[name]) {
                select.form[name].value = "";
            }
        });
        select.form.submit();
    });

    // The UI's changes go through htmx: each carries the session's CSRF token, as the forms' hidden field would.
    document.addEventListener("htmx:configRequest", function (event) {
        var token = document.querySelector("meta[name='_csrf']");
        var header = document.querySelector("meta[name='_csrf_header']");
        if (token && header) {
            event.detail.headers[header.getAttribute("content")] = token.getAttribute("content");
        }
    });
})();
