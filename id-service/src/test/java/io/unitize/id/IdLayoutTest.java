package io.unitize.id;

import io.unitize.core.key.RoutableIdSlot;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdLayoutTest {

    @Test
    void standardFieldsRoundTrip() {
        IdLayout l = IdLayout.standard();
        long tick = l.tickOf(Instant.parse("2030-06-01T12:00:00.123Z").toEpochMilli());
        long id = l.compose(tick, 3, 42, 0, 4095);
        assertThat(id).isPositive();
        assertThat(l.timeOf(id)).isEqualTo(Instant.parse("2030-06-01T12:00:00.123Z"));
        assertThat(l.unitOf(id)).isEqualTo(3);
        assertThat(l.workerOf(id)).isEqualTo(42);
        assertThat(l.sequenceOf(id)).isEqualTo(4095);
    }

    @Test
    void routableIdsCarryTheSlot() {
        IdLayout l = IdLayout.routable(14);
        long id = l.compose(l.tickOf(Instant.parse("2090-01-01T00:00:00Z").toEpochMilli()), 1, 63, 9_999, 255);
        assertThat(id).isPositive();
        assertThat(l.slotOf(id)).isEqualTo(9_999);
        assertThat(l.unitOf(id)).isEqualTo(1);
        assertThat(l.workerOf(id)).isEqualTo(63);
        assertThat(l.sequenceOf(id)).isEqualTo(255);
        assertThat(l.timeOf(id)).isEqualTo(Instant.parse("2090-01-01T00:00:00Z"));
    }

    @Test
    void fieldsOutOfRangeAreRefusedNamingTheField() {
        IdLayout l = IdLayout.standard();
        assertThatThrownBy(() -> l.compose(1, 16, 0, 0, 0)).hasMessage("unit must be within 0..15 (4 bits), but was 16");
        assertThatThrownBy(() -> l.compose(1, 0, 64, 0, 0)).hasMessage("worker must be within 0..63 (6 bits), but was 64");
        assertThatThrownBy(() -> IdLayout.of(IdLayout.DEFAULT_EPOCH, 1, 41, 4, 6, 0, 13))
                .hasMessageContaining("must be 63, but were 64");
    }

    @Test
    void theSlotFieldTheAgentsReadIsTheOneThisLayoutWrites() {
        for (int slotBits : new int[]{14, 17}) {
            IdLayout l = IdLayout.routable(slotBits);
            RoutableIdSlot field = l.slotField();
            assertThat(field).isEqualTo(RoutableIdSlot.routable(slotBits)); // what @UnitKey(kind = ROUTABLE_ID) assumes by default
            for (int slot : new int[]{0, 1, 4_999, 9_999, (1 << slotBits) - 1}) {
                long id = l.compose(l.maxTick(), l.maxUnits() - 1, l.maxWorkers() - 1, slot, l.maxSequence());
                assertThat(field.slotOf(id)).isEqualTo(slot).isEqualTo(l.slotOf(id));
            }
        }
        assertThatThrownBy(() -> IdLayout.standard().slotField()).isInstanceOf(IllegalStateException.class).hasMessageContaining("no slot bits");
    }
}
