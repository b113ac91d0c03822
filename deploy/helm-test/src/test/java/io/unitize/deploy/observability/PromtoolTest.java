package io.unitize.deploy.observability;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The alert rules, checked by Prometheus' own promtool: {@code check rules} (syntax, PromQL) and
 * {@code test rules} (the unit tests in deploy/observability/tests). Skipped, saying so, where
 * promtool is not installed (deploy/install-ci-tools.sh installs Debian's prometheus package).
 */
class PromtoolTest {

    static String promtool;

    @BeforeAll
    static void findPromtool() {
        promtool = findOnPath("promtool");
        assumeTrue(promtool != null,
                "UNITIZE-TEST-002 promtool checks skipped: promtool is not installed (run deploy/install-ci-tools.sh)");
    }

    @Test
    void theAlertRulesPassPromtoolCheck() throws Exception {
        Result r = run(DashboardTest.DIR, promtool, "check", "rules", "unitize-alerts.yml");
        assertThat(r.exit).as("promtool check rules:\n%s", r.output).isZero();
        assertThat(r.output).contains("SUCCESS");
    }

    @Test
    void theAlertsUnitTestsPass() throws Exception {
        Result r = run(DashboardTest.DIR, promtool, "test", "rules", "tests/unitize-alerts-test.yml");
        assertThat(r.exit).as("promtool test rules:\n%s", r.output).isZero();
        assertThat(r.output).contains("SUCCESS");
    }

    @Test
    void promtoolRefusesABrokenRule(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yml"), """
                groups:
                  - name: broken
                    rules:
                      - alert: UnitizeBroken
                        expr: unitize_rules_seen_version - (unitize_rules_applied_version > 0
                """);
        Result r = run(dir, promtool, "check", "rules", "broken.yml");
        assertThat(r.exit).as("promtool check rules of a broken file:\n%s", r.output).isNotZero();
        assertThat(r.output).contains("FAILED");
    }

    record Result(int exit, String output) {
    }

    static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("promtool", ".out");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 2 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static String findOnPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add("/usr/bin");
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
