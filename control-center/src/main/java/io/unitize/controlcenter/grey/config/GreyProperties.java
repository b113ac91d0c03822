package io.unitize.controlcenter.grey.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code unitize.control-center.grey.*}: the bounds of grey cutovers and the gates a plan gets when it names none. */
@ConfigurationProperties("unitize.control-center.grey")
public class GreyProperties {

    /** How often a wave's cutover, a gate and an approval are looked at. */
    private Duration pollInterval = Duration.ofMillis(500);
    /** How long the DATA_CHECK gate waits for its data check to finish before it fails. */
    private Duration dataCheckTimeout = Duration.ofMinutes(10);
    /** How long the REPLICATION_LAG gate waits for the lag to be measured under the bound before it fails. */
    private Duration lagWait = Duration.ofSeconds(30);
    /** How many times a failed wave's move back to its source is tried. */
    private int rollbackAttempts = 3;
    /** The gates of a plan that names none. */
    private final Defaults defaults = new Defaults();

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getDataCheckTimeout() {
        return dataCheckTimeout;
    }

    public void setDataCheckTimeout(Duration dataCheckTimeout) {
        this.dataCheckTimeout = dataCheckTimeout;
    }

    public Duration getLagWait() {
        return lagWait;
    }

    public void setLagWait(Duration lagWait) {
        this.lagWait = lagWait;
    }

    public int getRollbackAttempts() {
        return rollbackAttempts;
    }

    public void setRollbackAttempts(int rollbackAttempts) {
        this.rollbackAttempts = rollbackAttempts;
    }

    public Defaults getDefaults() {
        return defaults;
    }

    /** Gates by default: the data check when a table is configured, the lag bound when the heartbeat runs, then these. */
    public static class Defaults {

        /** Soak after each wave (needs the mis-route audit); 0 = none. */
        private Duration soak = Duration.ZERO;
        /** Wait for an operator's approval after each wave. */
        private boolean approval = false;

        public Duration getSoak() {
            return soak;
        }

        public void setSoak(Duration soak) {
            this.soak = soak;
        }

        public boolean isApproval() {
            return approval;
        }

        public void setApproval(boolean approval) {
            this.approval = approval;
        }
    }
}
