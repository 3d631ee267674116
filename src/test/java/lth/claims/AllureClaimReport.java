package lth.claims;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.SeverityLevel;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import lth.report.CasePage;
import lth.report.CaseResult;

/**
 * What a claim test tells the report, over io.qameta.allure.Allure: a case's identity, its page
 * ({@link CasePage}) and its typed result. Everything here attaches to the test (or step) running on the
 * calling thread: call it from the test's own thread, never from a worker pool, or it lands on whichever
 * test that thread last served.
 */
public final class AllureClaimReport {
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Throwable;
    }

    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        T get() throws Throwable;
    }

    private AllureClaimReport() {}

    /**
     * Groups the case under Behaviors as paper / claim / setup; tag = the run profile
     * (system property lth.profile) so quick and nightly reports are told apart.
     */
    public static void labels(String paper, String claimId, String claimTitle, String setup) {
        labels(paper, claimId, claimTitle, setup, SeverityLevel.CRITICAL);
    }

    public static void labels(String paper, String claimId, String claimTitle, String setup, SeverityLevel severity) {
        Allure.epic(paper);
        Allure.feature(claimId + " " + claimTitle);
        Allure.story(setup);
        Allure.label("severity", severity.value());
        Allure.label("tag", System.getProperty("lth.profile", "unknown-profile"));
    }

    public static void parameter(String name, Object value) {
        Allure.parameter(name, value);
    }

    public static void link(String name, String url) {
        Allure.link(name, url);
    }

    /** A step around body; status follows the body (failed/broken if it throws, which propagates). */
    public static void step(String name, ThrowingRunnable body) {
        Allure.step(name, body::run);
    }

    public static <T> T step(String name, ThrowingSupplier<T> body) {
        return Allure.step(name, body::get);
    }

    /** A step that only records an outcome, e.g. one sub-check of a verdict, without throwing. */
    public static void step(String name, Status status) {
        step(name, status, null);
    }

    /** As above with a message shown under the step (e.g. "measured 3.9 vs paper 3.5"). */
    public static void step(String name, Status status, String message) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = UUID.randomUUID().toString();
        StepResult step = new StepResult().setName(name).setStatus(status);
        if (message != null) {
            step.setStatusDetails(new StatusDetails().setMessage(message));
        }
        lifecycle.startStep(uuid, step);
        lifecycle.stopStep(uuid);
    }

    public static void attachPng(String name, byte[] png) {
        Allure.addAttachment(name, "image/png", new ByteArrayInputStream(png), ".png");
    }

    /** Allure shows text/csv attachments as a table. */
    public static void attachCsv(String name, String csv) {
        attach(name, "text/csv", csv, ".csv");
    }

    public static void attachJson(String name, String json) {
        attach(name, "application/json", json, ".json");
    }

    public static void attachHtml(String name, String html) {
        attach(name, "text/html", html, ".html");
    }

    public static void attachText(String name, String text) {
        attach(name, "text/plain", text, ".txt");
    }

    /** Markdown; the report renders it as HTML at the top of the case page. */
    public static void description(String markdown) {
        Allure.description(markdown);
    }

    public static void descriptionHtml(String html) {
        Allure.descriptionHtml(html);
    }

    /** What the case is, before it runs: grouped as paper / claim / setup, named, with its level and comparison. */
    public static void identity(String name, CaseResult.Case c) {
        labels(c.paper(), c.claim(), c.title(), c.setup() + " (" + c.profile() + ")");
        // The case's own name, without the method's display name that Allure would prepend; the session argument is no parameter of the case.
        Allure.getLifecycle().updateTestCase(t -> {
            t.setName(name);
            t.getParameters().removeIf(p -> ClaimSession.DISPLAY.equals(p.getValue()));
        });
        if (!Double.isNaN(c.pm())) parameter("Pm (% weights remaining)", "%.1f".formatted(c.pm()));
        parameter("pruning round", c.round());
        parameter("comparison", c.a() + " vs " + c.b() + " on " + c.metric());
        parameter("profile", lth.claim.DryRun.label(c.profile()));
    }

    /** The page of a case that ran: its scale, lead, steps and attachments (the case result among them). */
    public static void page(CasePage page) {
        CaseResult.Measured m = page.result().measured();
        parameter("dataset", m.dataset());
        parameter("seeds", m.seedList());
        parameter("scale", m.scale());
        description(page.lead());
        for (CasePage.Step s : page.steps()) step(s.name(), Status.valueOf(s.status().name()));
        for (CasePage.Attachment a : page.attachments())
            Allure.addAttachment(a.name(), a.type(), new ByteArrayInputStream(a.content()), a.extension());
    }

    /** A case that did not run: the reason as its lead (no scale or seeds: nothing ran at one), and its typed result. */
    public static void notRun(CaseResult r, String lead) {
        description(lead);
        parameter("not run because", r.notRun());
        attachJson(CaseResult.NAME, r.json());
    }

    /** A case of a claim still training across budgeted nights: its progress as the lead and a parameter, and its typed result. */
    public static void inProgress(CaseResult r, String lead) {
        description(lead);
        parameter("progress", r.progress().runsDone() + " of " + r.progress().runsNeeded() + " runs");
        attachJson(CaseResult.NAME, r.json());
    }

    private static void attach(String name, String type, String content, String ext) {
        Allure.addAttachment(name, type, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), ext);
    }
}
