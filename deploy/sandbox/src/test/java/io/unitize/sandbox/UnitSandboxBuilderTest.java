package io.unitize.sandbox;

import io.unitize.sandbox.internal.Ports;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitSandboxBuilderTest {

    @Test
    void refusesFewerThanTwoUnits() {
        assertThatThrownBy(() -> UnitSandbox.builder().units("center"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two units").hasMessageContaining("[center]");
    }

    @Test
    void refusesABadUnitCode() {
        assertThatThrownBy(() -> UnitSandbox.builder().units("center", "Unit_B"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Unit_B'").hasMessageContaining("lowercase");
    }

    @Test
    void refusesDuplicateUnits() {
        assertThatThrownBy(() -> UnitSandbox.builder().units("center", "center"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("distinct");
    }

    @Test
    void theBuilderSettingWinsOverThePropertyAndANegativeDelayIsRefused() {
        String before = System.getProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY);
        System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, "500");
        try {
            assertThat(UnitSandbox.builder().nacosPushTaskDelayMillis()).isEqualTo(500L);
            assertThat(UnitSandbox.builder().nacosPushTaskDelay(200L).nacosPushTaskDelayMillis()).isEqualTo(200L);
            assertThat(UnitSandbox.builder().nacosPushTaskDelay(null).nacosPushTaskDelayMillis())
                    .as("null asks for the sandbox's own setting even with the property set").isNull();
        } finally {
            if (before == null) {
                System.clearProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY);
            } else {
                System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, before);
            }
        }
        assertThatThrownBy(() -> UnitSandbox.builder().nacosPushTaskDelay(-5L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNITIZE-SANDBOX-023").hasMessageContaining("-5");
    }

    @Test
    void endpointsOfAServerKindNotStartedSayHowToAskForIt() {
        SandboxUnit unit = UnitSandbox.builder().baseDir(java.nio.file.Path.of("target", "builder-test"))
                .servers(ServerKind.REDIS).progress(s -> { }).build().unit("unit-b");
        assertThatThrownBy(unit::nacosAddr).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NACOS is not started in unit unit-b");
    }

    @Test
    void portBlocksSkipPortsInUse() throws Exception {
        int base = Ports.freeWithOffsets(-1000, 1000, 1001);
        try (ServerSocket taken = new ServerSocket(base + 1000)) {
            for (int i = 0; i < 20; i++) {
                int other = Ports.freeWithOffsets(-1000, 1000, 1001);
                assertThat(other).isNotEqualTo(base);
                assertThat(java.util.List.of(other - 1000, other, other + 1000, other + 1001)).doesNotContain(taken.getLocalPort());
            }
        }
    }
}
