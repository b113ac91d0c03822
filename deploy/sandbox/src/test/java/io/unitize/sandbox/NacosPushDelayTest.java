package io.unitize.sandbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NacosPushDelayTest {

    private String before;

    @BeforeEach
    void rememberTheProperty() {
        before = System.getProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY);
    }

    @AfterEach
    void restoreTheProperty() {
        if (before == null) {
            System.clearProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY);
        } else {
            System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, before);
        }
    }

    @Test
    void thePushDelayPropertyIsReadAsWholeMilliseconds() {
        assertThat(NacosPushDelay.fromProperty(null)).isNull();
        assertThat(NacosPushDelay.fromProperty(" ")).isNull();
        assertThat(NacosPushDelay.fromProperty("500")).isEqualTo(500L);
        assertThat(NacosPushDelay.fromProperty(" 0 ")).isEqualTo(0L);
    }

    @Test
    void aBadPushDelayPropertyIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> NacosPushDelay.fromProperty("500ms"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNITIZE-SANDBOX-022")
                .hasMessageContaining(UnitSandbox.NACOS_PUSH_TASK_DELAY).hasMessageContaining("'500ms'")
                .hasCauseInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> NacosPushDelay.fromProperty("-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("UNITIZE-SANDBOX-022")
                .hasMessageContaining(UnitSandbox.NACOS_PUSH_TASK_DELAY).hasMessageContaining(">= 0")
                .hasMessageContaining("-1");
    }

    @Test
    void unsetTheSystemPropertyDecidesWhenRead() {
        System.clearProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY);
        assertThat(NacosPushDelay.UNSET.millis()).as("neither set nor asked for: the sandbox's own").isNull();
        System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, "500");
        assertThat(NacosPushDelay.UNSET.millis()).isEqualTo(500L);
        System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, "soon");
        assertThatThrownBy(NacosPushDelay.UNSET::millis).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UNITIZE-SANDBOX-022").hasMessageContaining("'soon'");
    }

    @Test
    void aSetDelayWinsOverThePropertyNullIncluded() {
        System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, "500");
        assertThat(NacosPushDelay.of(200L).millis()).isEqualTo(200L);
        assertThat(NacosPushDelay.of(0L).millis()).isEqualTo(0L);
        assertThat(NacosPushDelay.of(null).millis()).as("null asks for the sandbox's own setting").isNull();
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> NacosPushDelay.of(-5L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UNITIZE-SANDBOX-023").hasMessageContaining("-5");
    }

    @Test
    void resolvedKeepsThePropertyAsItWasThen() {
        System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, "500");
        NacosPushDelay resolved = NacosPushDelay.UNSET.resolved();
        System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, "700");
        assertThat(resolved.millis()).isEqualTo(500L);
        assertThat(NacosPushDelay.of(200L).resolved().millis()).isEqualTo(200L);
        System.clearProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY);
        NacosPushDelay none = NacosPushDelay.UNSET.resolved();
        System.setProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY, "700");
        assertThat(none.millis()).as("unset then, the sandbox's own, whatever the property says now").isNull();
    }
}
