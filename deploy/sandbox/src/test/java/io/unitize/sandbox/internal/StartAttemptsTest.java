package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartAttemptsTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void aServerThatDiesBeforeItIsReadyIsStartedAgainFromACleanStateAndSaysSo() {
        FlakyNode node = new FlakyNode(1, true);

        StartAttempts.start(node, log::add);

        assertThat(node.starts).isEqualTo(2);
        assertThat(node.kills).isEqualTo(1);
        assertThat(node.retriesPrepared).isEqualTo(1);
        assertThat(log).singleElement().asString()
                .startsWith("UNITIZE-SANDBOX-050 nacos[test] did not start (attempt 1 of 3): UNITIZE-SANDBOX-002 nacos[test] exited")
                .contains("[Caused by: java.sql.SQLException: Login timeout exceeded.]")
                .contains("starting it again with a fresh Derby database");
    }

    @Test
    void givesUpAfterThreeAttemptsWithTheLastFailure() {
        FlakyNode node = new FlakyNode(5, true);

        assertThatThrownBy(() -> StartAttempts.start(node, log::add)).isInstanceOf(SandboxStartException.class)
                .hasMessageStartingWith("UNITIZE-SANDBOX-002");
        assertThat(node.starts).isEqualTo(3);
        assertThat(log).hasSize(2);
    }

    @Test
    void aSetupFailureIsNotRetried() {
        FlakyNode node = new FlakyNode(1, false);

        assertThatThrownBy(() -> StartAttempts.start(node, log::add)).isInstanceOf(SandboxStartException.class);
        assertThat(node.starts).isEqualTo(1);
        assertThat(log).isEmpty();
    }

    private static final class FlakyNode implements ServerNode {
        private final int failures;
        private final boolean retryable;
        int starts;
        int kills;
        int retriesPrepared;

        FlakyNode(int failures, boolean retryable) {
            this.failures = failures;
            this.retryable = retryable;
        }

        @Override
        public String name() {
            return "nacos[test]";
        }

        @Override
        public void start(Consumer<String> log) {
            if (++starts <= failures) {
                throw new SandboxStartException("UNITIZE-SANDBOX-002 nacos[test] exited with code 1 before it was ready; log x:\n"
                        + "2026-12-01 INFO starting\nCaused by: java.sql.SQLException: Login timeout exceeded.\n\tat org.apache.derby", null,
                        retryable);
            }
        }

        @Override
        public String prepareRetry() {
            retriesPrepared++;
            return "with a fresh Derby database";
        }

        @Override
        public void stop() {
        }

        @Override
        public void kill() {
            kills++;
        }

        @Override
        public List<ManagedProcess> processes() {
            return List.of();
        }
    }
}
