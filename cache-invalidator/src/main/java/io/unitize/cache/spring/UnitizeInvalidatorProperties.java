package io.unitize.cache.spring;

import io.unitize.cache.Scope;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code unitize.cache.invalidator.*}: the binlog invalidator of this unit's database. */
@ConfigurationProperties("unitize.cache.invalidator")
public class UnitizeInvalidatorProperties {

    /** Run the invalidator in this process (one per unit database). */
    private boolean enabled;

    /** Canal server address, host:port. */
    private String canalAddress;

    /** Canal destination (instance) reading this unit's binlog; default: the unit code. */
    private String canalDestination;

    /** The unit database, checked at startup against the rules (and asked for its server id). */
    private final Database database = new Database();

    /**
     * Deprecated: the Redis of every unit, unit code -> redis://host:port. Every unit's Redis is now its
     * {@code redis.<cluster>} endpoint in the rules document's units[]; this map serves only where
     * units[] has none, and a value that disagrees is refused (UNITIZE-RULE-062). Removed in the next release.
     */
    private Map<String, String> redis = new LinkedHashMap<>();
    /** The Redis cluster whose keys are invalidated: every unit's {@code redis.<cluster>} endpoint in units[]. */
    private String cluster = "cache";

    /** Invalidation rules by table name. */
    private Map<String, Rule> rules = new LinkedHashMap<>();

    /** First wait before retrying a Redis that failed. */
    private Duration initialBackoff = Duration.ofMillis(100);

    /** Longest wait between retries. */
    private Duration maxBackoff = Duration.ofSeconds(5);
    /**
     * How long a unit's Redis may fail before its deletes stop holding the binlog back, when the rules
     * in force route no slot to the unit (a lost unit after its failover); its keys are then kept and retried apart.
     */
    private Duration parkAfter = Duration.ofSeconds(10);
    /** At most this many keys are kept for such a parked unit; beyond, its Redis must be flushed before it homes buyers again. */
    private int parkedKeys = 100_000;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getCanalAddress() {
        return canalAddress;
    }

    public void setCanalAddress(String canalAddress) {
        this.canalAddress = canalAddress;
    }

    public String getCanalDestination() {
        return canalDestination;
    }

    public void setCanalDestination(String canalDestination) {
        this.canalDestination = canalDestination;
    }

    public Database getDatabase() {
        return database;
    }

    public String getCluster() {
        return cluster;
    }

    public void setCluster(String cluster) {
        this.cluster = cluster;
    }

    @DeprecatedConfigurationProperty(reason = "every unit's Redis is its redis.<cluster> endpoint in units[] of the rules document")
    public Map<String, String> getRedis() {
        return redis;
    }

    public void setRedis(Map<String, String> redis) {
        this.redis = redis;
    }

    public Map<String, Rule> getRules() {
        return rules;
    }

    public void setRules(Map<String, Rule> rules) {
        this.rules = rules;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getParkAfter() {
        return parkAfter;
    }

    public void setParkAfter(Duration parkAfter) {
        this.parkAfter = parkAfter;
    }

    public int getParkedKeys() {
        return parkedKeys;
    }

    public void setParkedKeys(int parkedKeys) {
        this.parkedKeys = parkedKeys;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public static class Database {
        /** JDBC URL of this unit's database. */
        private String url;
        private String username;
        private String password;
        /** The schema whose tables the rules name. */
        private String schema;

        public String getUrl() {
            return url;
        }

        public void setUrl(String url) {
            this.url = url;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }
    }

    public static class Rule {
        /** Key templates over the table's columns, e.g. order:{buyer_id}:{id}. */
        private List<String> keys = new ArrayList<>();
        /** LOCAL (this unit's Redis) or ALL_UNITS (every unit's Redis). */
        private Scope scope = Scope.ALL_UNITS;
        /** Delete once more after this delay (read-through caches); unset: no second delete. */
        private Duration doubleDeleteAfter;

        public List<String> getKeys() {
            return keys;
        }

        public void setKeys(List<String> keys) {
            this.keys = keys;
        }

        public Scope getScope() {
            return scope;
        }

        public void setScope(Scope scope) {
            this.scope = scope;
        }

        public Duration getDoubleDeleteAfter() {
            return doubleDeleteAfter;
        }

        public void setDoubleDeleteAfter(Duration doubleDeleteAfter) {
            this.doubleDeleteAfter = doubleDeleteAfter;
        }
    }
}
