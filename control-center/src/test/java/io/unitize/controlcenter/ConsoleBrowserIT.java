package io.unitize.controlcenter;

import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in Debian's headless Chromium against a control center on the sandbox, with a live
 * agent in each unit. Screenshots of the main pages go to target/console-screenshots/. Skipped,
 * saying why, where no Chromium and chromedriver are installed (deploy/install-chromium.sh).
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.ROCKETMQ})
class ConsoleBrowserIT {

    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static ControlCenterFixture cc;
    private static List<TestAgent> agents;
    private static String base;

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        Assumptions.assumeTrue(executable("chromium") != null && executable("chromedriver") != null,
                "UNITIZE-TEST-001 browser tests skipped: chromium and chromedriver are not installed (run deploy/install-chromium.sh)");
        cc = new ControlCenterFixture(sandbox, "console").start();
        cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
        agents = List.of(new TestAgent(sandbox, cc, "center", 2_500), new TestAgent(sandbox, cc, "unit-b", 2_500));
        CutoverIT.awaitAgents(cc, 2, 1);
        base = cc.baseUrl();
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() {
        if (agents != null) {
            agents.forEach(TestAgent::close);
        }
        if (cc != null) {
            cc.close();
        }
    }

    @Test
    void anOperatorLogsInSeesUnitsAndSlotsPlansAndRunsACutoverAndFindsItInTheHistory() throws Exception {
        WebDriver browser = browser();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            login(browser, ControlCenterFixture.OPERATOR, ControlCenterFixture.OPERATOR_PASSWORD);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), ControlCenterFixture.OPERATOR));

            // units with their live agents
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("unit-unit-b")));
            assertThat(browser.findElement(By.id("unit-center")).getText()).contains("CENTER").contains("test-agent");
            assertThat(browser.findElement(By.id("unit-unit-b")).getText()).contains("1 live agents, all on the version in force");
            shot(browser, "units");

            // the slot map, with a hover naming the range
            browser.findElement(By.id("nav-slots")).click();
            WebElement map = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("slotmap")));
            assertThat(browser.findElement(By.id("ranges")).getText()).contains("0–4999 center").contains("5000–9999 unit-b");
            new Actions(browser).moveToElement(map, 5, 5).perform();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("tooltip")));
            assertThat(browser.findElement(By.id("tooltip")).getText()).contains("slot").contains("center");
            shot(browser, "slot-map");

            // plan, dry run, typed confirmation of a large move, run
            browser.findElement(By.id("nav-plan")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-from"))).sendKeys("2000");
            browser.findElement(By.id("plan-to")).sendKeys("3999");
            new Select(browser.findElement(By.id("plan-unit"))).selectByValue("unit-b");
            browser.findElement(By.id("plan-reason")).sendKeys("drain center rack 3");
            browser.findElement(By.id("dry-run")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-result")));
            assertThat(browser.findElement(By.id("dry-slots")).getText()).isEqualTo("2,000");
            assertThat(browser.findElement(By.id("dry-agents")).getText()).isEqualTo("2");
            WebElement run = browser.findElement(By.id("run-cutover"));
            assertThat(run.isEnabled()).as("a move of 2,000 slots needs the typed confirmation").isFalse();
            browser.findElement(By.id("confirm-phrase")).sendKeys("MOVE 2000 SLOTS");
            assertThat(run.isEnabled()).isTrue();
            shot(browser, "plan");
            run.click();

            // live progress until done
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("steps")));
            new WebDriverWait(browser, Duration.ofSeconds(60))
                    .until(ExpectedConditions.textToBe(By.id("cutover-status"), "DONE"));
            assertThat(browser.findElement(By.id("steps")).getText()).contains("FREEZE").contains("CONFIRM_SYNC").contains("REPLAY");
            assertThat(browser.findElements(By.cssSelector("#steps tr.step-done"))).hasSize(6);
            assertThat(browser.findElement(By.id("freeze-window")).getText()).matches("[0-9.]+ m?s");
            shot(browser, "cutover");

            // the history, with a diff of the new routes
            browser.findElement(By.id("nav-history")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("history")));
            assertThat(browser.findElement(By.id("history")).getText()).contains("SWITCH").contains("FREEZE").contains("drain center rack 3");
            browser.findElement(By.cssSelector("button.diff[data-v='3']")).click();
            WebElement diff = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#diff-3 pre.diff")));
            assertThat(diff.getText()).contains("+").contains("unit-b");
            shot(browser, "history");
            assertThat(cc.latestRules().compile().unitOfSlot(3999).code()).isEqualTo("unit-b");

            // data integrity: the replication lag per direction, the cutover's data check (no table configured here)
            browser.findElement(By.id("nav-integrity")).click();
            String page = new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        String text = d.findElement(By.id("main")).getText(); // the page re-renders every 2 s; #main stays
                        return text.matches("(?s).*center → unit-b [0-9.]+ m?s.*") && text.contains("SKIPPED")
                                && text.contains("Compare") ? text : null;
                    });
            assertThat(page).contains("Mis-routed writes").contains("unit-b → center");
            shot(browser, "integrity");
            assertNoContentSecurityPolicyViolation(browser);
        } finally {
            browser.quit();
        }
    }

    @Test
    void anOperatorStartsAGreyCutoverApprovesItsFirstWaveAndAbortsTheSecond() throws Exception {
        WebDriver browser = browser();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            WebDriverWait slow = new WebDriverWait(browser, Duration.ofSeconds(120)); // the page re-renders every second
            slow.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            login(browser, ControlCenterFixture.OPERATOR, ControlCenterFixture.OPERATOR_PASSWORD);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), ControlCenterFixture.OPERATOR));
            browser.findElement(By.id("nav-grey")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("grey-from"))).sendKeys("6000");
            browser.findElement(By.id("grey-to")).sendKeys("6299");
            WebElement unit = browser.findElement(By.id("grey-unit"));
            unit.clear();
            unit.sendKeys("center");
            browser.findElement(By.id("grey-reason")).sendKeys("grey return of rack 6");
            assertThat(browser.findElement(By.id("grey-approval")).isSelected()).isTrue();
            browser.findElement(By.id("grey-start")).click();

            // wave 1 switched, its gates passed, waiting for the operator
            slow.until(ExpectedConditions.textToBe(By.id("grey-status"), "AWAITING_APPROVAL"));
            slow.until(ExpectedConditions.attributeToBe(By.cssSelector("#waves tr[data-wave='1']"), "data-status", "AWAITING_APPROVAL"));
            assertThat(browser.findElement(By.cssSelector("#waves tr[data-wave='1']")).getText()).contains("6000–6099")
                    .contains("REPLICATION_LAG PASSED").contains("APPROVAL WAITING");
            assertThat(browser.findElement(By.cssSelector("#waves tr[data-wave='2']")).getText()).contains("PENDING");
            shot(browser, "grey");
            browser.findElement(By.id("grey-approve")).click();

            // wave 2 waits in turn; abort rolls it back, wave 1 stays, wave 3 never runs
            slow.until(ExpectedConditions.attributeToBe(By.cssSelector("#waves tr[data-wave='2']"), "data-status", "AWAITING_APPROVAL"));
            assertThat(browser.findElement(By.cssSelector("#waves tr[data-wave='1']")).getText()).contains("APPROVAL PASSED: approved by "
                    + ControlCenterFixture.OPERATOR);
            slow.until(ExpectedConditions.elementToBeClickable(By.id("grey-abort"))).click();
            slow.until(ExpectedConditions.textToBe(By.id("grey-status"), "ABORTED"));
            assertThat(browser.findElement(By.cssSelector("#waves tr[data-wave='1']")).getAttribute("data-status")).isEqualTo("PASSED");
            assertThat(browser.findElement(By.cssSelector("#waves tr[data-wave='2']")).getAttribute("data-status")).isEqualTo("ROLLED_BACK");
            assertThat(browser.findElement(By.cssSelector("#waves tr[data-wave='3']")).getAttribute("data-status")).isEqualTo("NOT_RUN");
            assertThat(browser.findElement(By.id("grey-failure")).getText()).contains("wave 2 (slots 6100-6199): gate APPROVAL failed: aborted by");
            assertThat(browser.findElements(By.id("grey-approve"))).isEmpty();
            shot(browser, "grey-aborted");
            io.unitize.core.UnitRules rules = cc.latestRules();
            assertThat(rules.compile().unitOfSlot(6099).code()).isEqualTo("center");
            assertThat(rules.compile().unitOfSlot(6100).code()).isEqualTo("unit-b");
            assertNoContentSecurityPolicyViolation(browser);
        } finally {
            browser.quit();
        }
    }

    @Test
    void aViewerCannotChangeAnythingAndAWrongPasswordIsRefused() throws Exception {
        WebDriver browser = browser();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(base + "/login");
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Unitize control center");
            assertThat(browser.findElement(By.cssSelector("section.help")).getText()).contains("./deploy/demo.sh")
                    .contains("generated for");
            shot(browser, "login");
            login(browser, ControlCenterFixture.OPERATOR, "wrong-password");
            wait.until(ExpectedConditions.urlContains("/login?error"));
            assertThat(browser.findElement(By.id("login-message")).getText()).contains("Wrong user name or password");

            login(browser, ControlCenterFixture.VIEWER, ControlCenterFixture.VIEWER_PASSWORD);
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("who"), "viewer"));
            browser.findElement(By.id("nav-plan")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("viewer-note")));
            browser.findElement(By.id("plan-from")).sendKeys("100");
            browser.findElement(By.id("plan-to")).sendKeys("199");
            new Select(browser.findElement(By.id("plan-unit"))).selectByValue("unit-b");
            browser.findElement(By.id("plan-reason")).sendKeys("viewer tries");
            browser.findElement(By.id("dry-run")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run-result")));
            assertThat(browser.findElements(By.id("run-cutover"))).as("no run button for a viewer").isEmpty();
            Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/me').then(r => r.json()).then(me => fetch('/api/v1/cutovers', {method: 'POST',"
                            + " headers: {'Content-Type': 'application/json', [me.csrfHeader]: me.csrfToken},"
                            + " body: JSON.stringify({type: 'MOVE_SLOTS', from: 100, to: 199, toUnit: 'unit-b', reason: 'x'})}))"
                            + ".then(r => done(r.status));");
            assertThat(((Number) status).intValue()).as("the API refuses the viewer too").isEqualTo(403);
            Object noCsrf = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/v1/plans/dry-run', {method: 'POST', headers: {'Content-Type': 'application/json'},"
                            + " body: '{}'}).then(r => done(r.status));");
            assertThat(((Number) noCsrf).intValue()).as("a browser change without the CSRF token").isEqualTo(403);
            shot(browser, "viewer-plan");
            assertNoContentSecurityPolicyViolation(browser);
        } finally {
            browser.quit();
        }
    }

    /** The console runs under its Content-Security-Policy: Chromium reported no refused script, style or request. */
    private static void assertNoContentSecurityPolicyViolation(WebDriver browser) {
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(refused).as("CSP violations in the browser console").isEmpty();
    }

    private static void login(WebDriver browser, String user, String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
    }

    private static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--user-data-dir=" + Path.of("target", "chromium-profile-" + System.nanoTime()).toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("chromedriver"))).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String executable(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            File f = new File(dir, name);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return null;
    }
}
