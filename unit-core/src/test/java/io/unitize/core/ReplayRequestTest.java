package io.unitize.core;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayRequestTest {

    private final ReplayRequest request = new ReplayRequest("c-1", "unit-b", List.of("center"),
            List.of(SlotRange.of(2000, 2999), SlotRange.of(4000, 4000)), Instant.parse("2026-11-22T01:00:00.250Z"),
            Instant.parse("2026-11-22T00:59:55.250Z"), 43);

    @Test
    void roundTripsThroughJson() {
        assertThat(ReplayRequest.fromJson(request.toJson())).isEqualTo(request);
    }

    @Test
    void coversOnlyItsSlots() {
        assertThat(request.covers(2000)).isTrue();
        assertThat(request.covers(4000)).isTrue();
        assertThat(request.covers(3000)).isFalse();
    }

    @Test
    void aMalformedRequestNamesTheField() {
        assertThatThrownBy(() -> ReplayRequest.fromJson("{\"cutoverId\":\"c\",\"targetUnit\":\"b\",\"sourceUnits\":[],"
                + "\"ranges\":[{\"from\":1,\"to\":2}],\"freezeEffectiveAt\":\"yesterday\",\"replayFrom\":\"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'freezeEffectiveAt'");
        assertThatThrownBy(() -> ReplayRequest.fromJson("{\"targetUnit\":\"b\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'sourceUnits'");
        assertThatThrownBy(() -> ReplayRequest.fromJson("[1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }
}
