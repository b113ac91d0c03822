package io.unitize.cache.spring;

import io.unitize.cache.redis.NacosRedisClusterDirectory;
import io.unitize.cache.redis.RedisSourceMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code unitize.redis.*}: the application's named Redis sources; endpoints come from the unit's Nacos. */
@ConfigurationProperties("unitize.redis")
public class UnitizeRedisProperties {

    /** The application's Redis sources by name. */
    private Map<String, Source> sources = new LinkedHashMap<>();

    /**
     * Deprecated: the center is the unit with role CENTER in the rules document's units[] (CENTER sources
     * are created only there). Refused when it disagrees (UNITIZE-RULE-062). Removed in the next release.
     */
    private String centerUnit;

    /** Timeout of every Redis command. */
    private Duration commandTimeout = Duration.ofSeconds(2);

    private final Clusters clusters = new Clusters();

    private final Locks locks = new Locks();

    public Map<String, Source> getSources() {
        return sources;
    }

    public void setSources(Map<String, Source> sources) {
        this.sources = sources;
    }

    @DeprecatedConfigurationProperty(reason = "the center unit is the unit with role CENTER in units[] of the rules document")
    public String getCenterUnit() {
        return centerUnit;
    }

    public void setCenterUnit(String centerUnit) {
        this.centerUnit = centerUnit;
    }

    public Duration getCommandTimeout() {
        return commandTimeout;
    }

    public void setCommandTimeout(Duration commandTimeout) {
        this.commandTimeout = commandTimeout;
    }

    public Clusters getClusters() {
        return clusters;
    }

    public Locks getLocks() {
        return locks;
    }

    public static class Source {
        /** UNIT: created in every unit against that unit's cluster; CENTER: only in the center unit. */
        private RedisSourceMode mode;
        /** The cluster's name in the unit's directory (default: the source's name). */
        private String clusterName;
        /** Name of a RedisCodec bean of the application to use for this source (default: UTF-8 strings). */
        private String codec;

        public RedisSourceMode getMode() {
            return mode;
        }

        public void setMode(RedisSourceMode mode) {
            this.mode = mode;
        }

        public String getClusterName() {
            return clusterName;
        }

        public void setClusterName(String clusterName) {
            this.clusterName = clusterName;
        }

        public String getCodec() {
            return codec;
        }

        public void setCodec(String codec) {
            this.codec = codec;
        }
    }

    /**
     * Deprecated: where the older Nacos document of Redis endpoints is read; it is read only where units[]
     * gives this unit no {@code redis.<cluster>} endpoint (UNITIZE-CACHE-024). Removed in the next release. {@code username}/{@code password} and
     * {@code access-key}/{@code secret-key} (a Nacos with authentication on) default to the same
     * {@code unitize.rules.*} properties.
     */
    public static class Clusters extends io.unitize.core.spring.NacosAuthProperties {
        /** Nacos of this unit holding the cluster directory (default: unitize.rules.server-addr). */
        private String serverAddr;
        /** Nacos namespace of the directory (default: unitize.rules.namespace). */
        private String namespace;
        /** Data id of the directory, a properties document of cluster=redis://host:port lines. */
        private String dataId = NacosRedisClusterDirectory.DEFAULT_DATA_ID;
        /** Group of the directory. */
        private String group = NacosRedisClusterDirectory.DEFAULT_GROUP;
        @DeprecatedConfigurationProperty(reason = "every unit's Redis clusters are its redis.<cluster> endpoints in units[] of the rules document")
        public String getServerAddr() {
            return serverAddr;
        }

        public void setServerAddr(String serverAddr) {
            this.serverAddr = serverAddr;
        }

        @DeprecatedConfigurationProperty(reason = "every unit's Redis clusters are its redis.<cluster> endpoints in units[] of the rules document")
        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        @DeprecatedConfigurationProperty(reason = "every unit's Redis clusters are its redis.<cluster> endpoints in units[] of the rules document")
        public String getDataId() {
            return dataId;
        }

        public void setDataId(String dataId) {
            this.dataId = dataId;
        }

        @DeprecatedConfigurationProperty(reason = "every unit's Redis clusters are its redis.<cluster> endpoints in units[] of the rules document")
        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }
    }

    public static class Locks {
        /** The UNIT source for buyer-scoped locks; unset: no UnitLocks bean. */
        private String unitSource;
        /** The CENTER source for global locks (optional). */
        private String centerSource;

        public String getUnitSource() {
            return unitSource;
        }

        public void setUnitSource(String unitSource) {
            this.unitSource = unitSource;
        }

        public String getCenterSource() {
            return centerSource;
        }

        public void setCenterSource(String centerSource) {
            this.centerSource = centerSource;
        }
    }
}
