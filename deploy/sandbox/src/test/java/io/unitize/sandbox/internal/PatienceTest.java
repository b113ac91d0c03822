package io.unitize.sandbox.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatienceTest {

    @Test
    void timeoutsWidenWithTheLoadAboveTheCoreCountUpToFourTimes() {
        assertThat(Patience.forLoad(1.5, 2)).isEqualTo(1.0);
        assertThat(Patience.forLoad(2.0, 2)).isEqualTo(1.0);
        assertThat(Patience.forLoad(5.0, 2)).isEqualTo(2.5);
        assertThat(Patience.forLoad(40.0, 2)).isEqualTo(4.0);
        assertThat(Patience.forLoad(Double.NaN, 2)).isEqualTo(1.0);
    }

    @Test
    void aConfiguredFactorWidensEveryTimeoutAndABadOneIsRefused() {
        try {
            System.setProperty(Patience.FACTOR_PROPERTY, "3");
            assertThat(Patience.widened(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
            System.setProperty(Patience.FACTOR_PROPERTY, "0.5");
            assertThatThrownBy(Patience::configuredFactor).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("UNITIZE-SANDBOX-019 -Dunitize.sandbox.timeoutFactor must be a number from 1 to 100, but was '0.5'");
        } finally {
            System.clearProperty(Patience.FACTOR_PROPERTY);
        }
    }
}
