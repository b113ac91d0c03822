package io.unitize.controlcenter.config;

import io.unitize.core.spring.NacosAuthProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

/**
 * {@code unitize.control-center.units.<code>.*}: how the control center reaches one unit: its Nacos
 * (where the rules are published; credentials under {@code nacos-auth}) and its database (sync
 * markers). Facts the rules document holds (the center, indexes, endpoints such as the RocketMQ name
 * server) are not here: they are units[] of the rules.
 */
public class UnitConnectionProperties {
    /** Nacos server address of this unit, host:port. */
    private String nacos;
    /** JDBC URL of this unit's database server (MariaDB/MySQL), where sync markers are written. */
    private String jdbcUrl;
    /** User of {@code jdbc-url}; required with it (there is no default user). */
    private String dbUser;
    /** Password of {@code db-user}; required with {@code jdbc-url} (no default; an empty one must be set explicitly). */
    private String dbPassword;
    /**
     * Deprecated: the unit's RocketMQ name server is its {@code rocketmq} endpoint in units[] of the rules;
     * this serves only where units[] has none, and is refused when it disagrees (UNITIZE-RULE-062).
     * Removed in the next release.
     */
    private String rocketmqNamesrv;
    /** Credentials for this unit's Nacos when it has authentication on (username/password or access-key/secret-key). */
    private final NacosAuthProperties nacosAuth = new NacosAuthProperties();

    public NacosAuthProperties getNacosAuth() {
        return nacosAuth;
    }

    public String getNacos() {
        return nacos;
    }

    public void setNacos(String nacos) {
        this.nacos = nacos;
    }

    public String getJdbcUrl() {
        return jdbcUrl;
    }

    public void setJdbcUrl(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public String getDbUser() {
        return dbUser;
    }

    public void setDbUser(String dbUser) {
        this.dbUser = dbUser;
    }

    public String getDbPassword() {
        return dbPassword;
    }

    public void setDbPassword(String dbPassword) {
        this.dbPassword = dbPassword;
    }

    @DeprecatedConfigurationProperty(reason = "the name server is the rocketmq endpoint of the unit in units[] of the rules document")
    public String getRocketmqNamesrv() {
        return rocketmqNamesrv;
    }

    public void setRocketmqNamesrv(String rocketmqNamesrv) {
        this.rocketmqNamesrv = rocketmqNamesrv;
    }
}
