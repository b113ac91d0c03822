package io.unitize.core.rules;

import io.unitize.core.Fixtures;
import io.unitize.core.RulesUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules from a file: read at start and at each poll, refused and accepted as a Nacos push would be. */
class FileRulesSourceTest {

    @TempDir
    Path dir;

    @Test
    void readsTheFileAtStartAndAppliesANewerVersionAtTheNextPoll() throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, Fixtures.twoUnits(3).build().toJson());
        try (FileRulesSource source = FileRulesSource.builder().file(file).unit("unit-b").agentKind("batch").build().start()) {
            assertThat(source.appliedVersion()).isEqualTo(3);
            assertThat(source.snapshot().isHomedIn(5_001, "unit-b")).isTrue();
            assertThat(source.poll()).as("unchanged file").isEmpty();

            Files.writeString(file, Fixtures.twoUnits(4).build().toJson());
            assertThat(source.poll()).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED));
            assertThat(source.snapshot().version()).isEqualTo(4);

            Files.writeString(file, Fixtures.twoUnits(2).build().toJson());
            assertThat(source.poll()).hasValueSatisfying(r -> {
                assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED_STALE);
                assertThat(r.reason()).contains("from file " + file);
            });
            Files.writeString(file, "{ not json");
            assertThat(source.poll()).hasValueSatisfying(r -> assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED_INVALID));
            assertThat(source.appliedVersion()).isEqualTo(4);
            assertThat(source.metrics().rejectedStaleCount()).isEqualTo(1);
            assertThat(source.metrics().rejectedInvalidCount()).isEqualTo(1);
        }
    }

    @Test
    void withoutAFileItStartsWithNoRulesAndTakesThemWhenTheFileAppears() throws Exception {
        Path file = dir.resolve("later.json");
        try (FileRulesSource source = FileRulesSource.builder().file(file).unit("center").agentKind("batch")
                .pollEvery(Duration.ofMillis(20)).build().start()) {
            assertThatThrownBy(source::snapshot).isInstanceOf(RulesUnavailableException.class)
                    .hasMessageContaining("no valid document in the rules file " + file);
            Files.writeString(dir.resolve("tmp.json"), Fixtures.twoUnits(9).build().toJson());
            Files.move(dir.resolve("tmp.json"), file);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (source.appliedVersion() != 9 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(source.appliedVersion()).as("picked up by the background poll").isEqualTo(9);
        }
    }

    @Test
    void badConfigurationIsNamedAllAtOnce() {
        assertThatThrownBy(() -> FileRulesSource.builder().agentKind("batch").pollEvery(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UNITIZE-RULE-016 FileRulesSource needs pollEvery (> 0, was PT0S), file, "
                        + "unit (1-32 lowercase letters, digits or '-', was 'null')");
    }
}
