package io.unitize.cache.lettuce;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Retargeting without a server: which units move, and what a delete for a dropped or unknown unit does. */
class LettuceKeyDeleterTest {

    @Test
    void retargetReportsWhatMovedAndSkipsDeletesOfADroppedUnit() {
        try (LettuceKeyDeleter d = new LettuceKeyDeleter(Map.of("center", "redis://127.0.0.1:1", "unit-b", "redis://127.0.0.1:2"),
                Duration.ofMillis(200))) {
            assertThat(d.retarget(Map.of("center", "redis://127.0.0.1:1", "unit-b", "redis://127.0.0.1:2"))).as("same").isEmpty();
            assertThat(d.retarget(Map.of("center", "redis://127.0.0.1:1", "unit-b", "redis://127.0.0.1:3", "unit-c", "redis://127.0.0.1:4")))
                    .containsExactly("unit-b", "unit-c");
            assertThat(d.endpoints()).containsEntry("unit-b", "redis://127.0.0.1:3").containsEntry("unit-c", "redis://127.0.0.1:4");
            assertThat(d.retarget(Map.of("center", "redis://127.0.0.1:1", "unit-b", "redis://127.0.0.1:3"))).containsExactly("unit-c");
            assertThatCode(() -> d.delete("unit-c", List.of("k"))).as("dropped: skipped, not retried forever").doesNotThrowAnyException();
            assertThatThrownBy(() -> d.delete("unit-x", List.of("k"))).hasMessageContaining("UNITIZE-CACHE-002").hasMessageContaining("unit-x");
        }
    }
}
