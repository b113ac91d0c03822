package io.unitize.jobs.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code unitize.jobs.*}: the jobs' lease and the timeout center of this unit. */
@ConfigurationProperties("unitize.jobs")
public class UnitizeJobsProperties {

    /** Whether {@code @UnitJob} methods and the timeout center are wired. */
    private boolean enabled = true;
    /** Names this instance in the lease and task tables; default host:pid. */
    private String holder;
    /** CREATE TABLE IF NOT EXISTS the module's tables at start (else create them with your migrations; DDL in the README). */
    private boolean createTables = true;
    private final Timeout timeout = new Timeout();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getHolder() {
        return holder;
    }

    public void setHolder(String holder) {
        this.holder = holder;
    }

    public boolean isCreateTables() {
        return createTables;
    }

    public void setCreateTables(boolean createTables) {
        this.createTables = createTables;
    }

    public Timeout getTimeout() {
        return timeout;
    }

    public static class Timeout {
        /** Whether this instance fires due tasks (registering and cancelling work either way). */
        private boolean enabled = true;
        private Duration pollEvery = Duration.ofMillis(200);
        private int batch = 200;
        private int threads = 4;
        /** How long a claim holds before another instance may retry the task: longer than a callback. */
        private Duration claimFor = Duration.ofSeconds(60);
        private Duration maxBackoff = Duration.ofMinutes(5);
        /** Serve GET/DELETE {@code /unitize/timeouts/{buyerId}[/{key}]} (an operator endpoint: put it behind your security). */
        private boolean httpEnabled = false;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getPollEvery() {
            return pollEvery;
        }

        public void setPollEvery(Duration pollEvery) {
            this.pollEvery = pollEvery;
        }

        public int getBatch() {
            return batch;
        }

        public void setBatch(int batch) {
            this.batch = batch;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }

        public Duration getClaimFor() {
            return claimFor;
        }

        public void setClaimFor(Duration claimFor) {
            this.claimFor = claimFor;
        }

        public Duration getMaxBackoff() {
            return maxBackoff;
        }

        public void setMaxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
        }

        public boolean isHttpEnabled() {
            return httpEnabled;
        }

        public void setHttpEnabled(boolean httpEnabled) {
            this.httpEnabled = httpEnabled;
        }
    }
}
