package io.unitize.id.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unitize.id.*}: the ID service of this unit (segment mode on the application's data source),
 * optionally served over HTTP and Dubbo.
 */
@ConfigurationProperties("unitize.id")
public class UnitizeIdProperties {

    /** Turns the ID service on (for the unit {@code unitize.unit}, with the index units[] gives that unit). */
    private boolean enabled;
    /**
     * Deprecated: this unit's code is {@code unitize.unit} (the process's one unit). Still turns the ID service
     * on; refused when it disagrees with {@code unitize.unit} (UNITIZE-RULE-062). Removed in the next release.
     */
    private String unit;
    /**
     * Deprecated: this unit's index now comes from the rules document ({@code units[].index}); used only
     * when the document gives none, refused when it disagrees (UNITIZE-RULE-062). Removed in the next release.
     */
    private Integer unitIndex;
    /** Bits of the unit index in segment IDs (4 = up to 16 units). Same value in every unit. */
    private int unitBits = 4;
    /** Business tags served, e.g. {@code order, payment}; each gets its row in the segment table. */
    private List<String> tags = new ArrayList<>();
    /** Create the segment table {@code unitize_id_segment} at startup if missing. */
    private boolean createTable = true;
    private final Segment segment = new Segment();
    private final Http http = new Http();
    private final Dubbo dubbo = new Dubbo();

    public static class Segment {
        /** Smallest (and first) segment size. */
        private int minStep = 1_000;
        /** Largest segment size the adaptive step may grow to. */
        private int maxStep = 1_000_000;
        /** How long a segment should last; faster use doubles the step, slower halves it. */
        private Duration targetDuration = Duration.ofMinutes(15);

        public int getMinStep() {
            return minStep;
        }

        public void setMinStep(int minStep) {
            this.minStep = minStep;
        }

        public int getMaxStep() {
            return maxStep;
        }

        public void setMaxStep(int maxStep) {
            this.maxStep = maxStep;
        }

        public Duration getTargetDuration() {
            return targetDuration;
        }

        public void setTargetDuration(Duration targetDuration) {
            this.targetDuration = targetDuration;
        }
    }

    public static class Http {
        /** Serve {@code GET /api/v1/ids/{tag}?count=N} on its own port (JDK HTTP server). */
        private boolean enabled;
        /** Address to bind. */
        private String host = "127.0.0.1";
        /** Port (0 = any free port). */
        private int port = 8095;
        /** Worker threads. */
        private int threads = 4;
        /**
         * Bearer tokens a client must send ({@code Authorization: Bearer <token>}), at least 16
         * characters each; two at once while rotating. Empty = no authentication (isolated network only).
         */
        private java.util.List<String> tokens = new java.util.ArrayList<>();
        /** IDs one client address may draw per {@code rate-limit-period} (0 = no limit). */
        private int rateLimit;
        /** The period of {@code rate-limit}. */
        private java.time.Duration rateLimitPeriod = java.time.Duration.ofSeconds(1);

        public java.util.List<String> getTokens() {
            return tokens;
        }

        public void setTokens(java.util.List<String> tokens) {
            this.tokens = tokens;
        }

        public int getRateLimit() {
            return rateLimit;
        }

        public void setRateLimit(int rateLimit) {
            this.rateLimit = rateLimit;
        }

        public java.time.Duration getRateLimitPeriod() {
            return rateLimitPeriod;
        }

        public void setRateLimitPeriod(java.time.Duration rateLimitPeriod) {
            this.rateLimitPeriod = rateLimitPeriod;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }
    }

    public static class Dubbo {
        /** Export {@code io.unitize.id.IdService} (version 1.0) over the dubbo protocol, on its own Dubbo bootstrap. */
        private boolean enabled;
        /** Address to bind; Dubbo binds all interfaces for any 127.* address, so loopback is {@code ::1}. */
        private String host = "::1";
        /** Port of the dubbo protocol. */
        private int port = 20895;
        /** Registry, e.g. {@code nacos://127.0.0.1:8848}, or {@code N/A} for direct connections. */
        private String registry = "N/A";

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public int getPort() {
            return port;
        }

        public void setPort(int port) {
            this.port = port;
        }

        public String getRegistry() {
            return registry;
        }

        public void setRegistry(String registry) {
            this.registry = registry;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @DeprecatedConfigurationProperty(replacement = "unitize.unit", reason = "the process's unit is unitize.unit; turn the ID service on with unitize.id.enabled=true")
    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = unit;
    }

    @DeprecatedConfigurationProperty(reason = "the unit's index is units[].index of the rules document")
    public Integer getUnitIndex() {
        return unitIndex;
    }

    public void setUnitIndex(Integer unitIndex) {
        this.unitIndex = unitIndex;
    }

    public int getUnitBits() {
        return unitBits;
    }

    public void setUnitBits(int unitBits) {
        this.unitBits = unitBits;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    public Segment getSegment() {
        return segment;
    }

    public Http getHttp() {
        return http;
    }

    public Dubbo getDubbo() {
        return dubbo;
    }
}
