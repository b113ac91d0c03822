package io.unitize.controlcenter.config;

import io.unitize.controlcenter.cutover.CutoverSettings;
import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.core.nacos.RulesChannel;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code unitize.control-center.*}: the units the control center publishes to, the bounds of the
 * cutover steps, the operators allowed in.
 */
@ConfigurationProperties("unitize.control-center")
public class ControlCenterProperties {

    /** Every unit, by unit code: its Nacos, its database (sync markers) and its RocketMQ (replay requests). */
    private Map<String, Unit> units = new LinkedHashMap<>();
    private final Rules rules = new Rules();
    private final Cutover cutover = new Cutover();
    private final Replay replay = new Replay();
    private final Security security = new Security();
    private final Store store = new Store();

    public Map<String, Unit> getUnits() {
        return units;
    }

    public void setUnits(Map<String, Unit> units) {
        this.units = units;
    }

    public Rules getRules() {
        return rules;
    }

    public Cutover getCutover() {
        return cutover;
    }

    public Replay getReplay() {
        return replay;
    }

    public Security getSecurity() {
        return security;
    }

    public Store getStore() {
        return store;
    }

    /** The embedded store, used when {@code spring.datasource.url} is not set. */
    public static class Store {
        /**
         * Folder of the durable embedded H2 store (each commit on the disk before the API answers).
         * Default: {@code ${user.home}/.unitize/control-center}.
         */
        private String directory;

        public String getDirectory() {
            return directory;
        }

        public void setDirectory(String directory) {
            this.directory = directory;
        }
    }

    public static class Unit {
        /** Nacos server address of this unit, host:port. */
        private String nacos;
        /** JDBC URL of this unit's database server (MariaDB/MySQL), where sync markers are written. */
        private String jdbcUrl;
        /** User of {@code jdbc-url}; required with it (there is no default user). */
        private String dbUser;
        /** Password of {@code db-user}; required with {@code jdbc-url} (no default; an empty one must be set explicitly). */
        private String dbPassword;
        /** RocketMQ name server of this unit, host:port; replay requests go there. */
        private String rocketmqNamesrv;
        /** User name for this unit's Nacos when it has authentication on (with {@code nacos-password}). */
        private String nacosUsername;
        /** Password of {@code nacos-username}. */
        private String nacosPassword;
        /** Access key for this unit's Nacos (with {@code nacos-secret-key}), for servers that check signed requests. */
        private String nacosAccessKey;
        /** Secret key of {@code nacos-access-key}. */
        private String nacosSecretKey;

        public String getNacosUsername() {
            return nacosUsername;
        }

        public void setNacosUsername(String nacosUsername) {
            this.nacosUsername = nacosUsername;
        }

        public String getNacosPassword() {
            return nacosPassword;
        }

        public void setNacosPassword(String nacosPassword) {
            this.nacosPassword = nacosPassword;
        }

        public String getNacosAccessKey() {
            return nacosAccessKey;
        }

        public void setNacosAccessKey(String nacosAccessKey) {
            this.nacosAccessKey = nacosAccessKey;
        }

        public String getNacosSecretKey() {
            return nacosSecretKey;
        }

        public void setNacosSecretKey(String nacosSecretKey) {
            this.nacosSecretKey = nacosSecretKey;
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

        public String getRocketmqNamesrv() {
            return rocketmqNamesrv;
        }

        public void setRocketmqNamesrv(String rocketmqNamesrv) {
            this.rocketmqNamesrv = rocketmqNamesrv;
        }
    }

    public static class Rules {
        /** Nacos dataId of the rules document (agents subscribe to the same). */
        private String dataId = RulesChannel.DEFAULT_DATA_ID;
        /** Nacos group of the rules document and of the agents' registrations. */
        private String group = RulesChannel.DEFAULT_GROUP;
        /** Nacos namespace; empty = public. */
        private String namespace = "";
        /** How often the latest version is published again to units that lack it (a unit back from an outage). */
        private Duration reconcileInterval = Duration.ofSeconds(30);

        public String getDataId() {
            return dataId;
        }

        public void setDataId(String dataId) {
            this.dataId = dataId;
        }

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public String getNamespace() {
            return namespace;
        }

        public void setNamespace(String namespace) {
            this.namespace = namespace;
        }

        public Duration getReconcileInterval() {
            return reconcileInterval;
        }

        public void setReconcileInterval(Duration reconcileInterval) {
            this.reconcileInterval = reconcileInterval;
        }
    }

    public static class Cutover {
        private Duration publishTimeout = Duration.ofSeconds(10);
        private Duration freezeAckTimeout = Duration.ofSeconds(15);
        private Duration syncTimeout = Duration.ofSeconds(30);
        private Duration switchAckTimeout = Duration.ofSeconds(15);
        private Duration replayTimeout = Duration.ofSeconds(10);
        /**
         * The longest the moving slots stay frozen before the new routes are stored; past it the cutover rolls
         * back, whatever the step and the cause. Default: publish-timeout + freeze-ack-timeout + 2 x sync-timeout.
         */
        private Duration freezeTimeout;
        private Duration pollInterval = Duration.ofMillis(50);
        /** Replay starts at T minus this margin (clock skew between units). */
        private Duration replayMargin = Duration.ofSeconds(5);
        /** How data arrival is confirmed unless a plan says otherwise. */
        private SyncMode syncMode = SyncMode.MARKER;
        /** Schema holding the sync marker table in every unit database. */
        private String markerSchema = "unitize_sync";
        /** MQ_REPLY sync: the topic on the target unit's RocketMQ where an external syncer replies (key = marker id). */
        private String syncReplyTopic = "UNITIZE_SYNC_REPLY";

        public String getSyncReplyTopic() {
            return syncReplyTopic;
        }

        public void setSyncReplyTopic(String syncReplyTopic) {
            this.syncReplyTopic = syncReplyTopic;
        }

        public CutoverSettings toSettings() {
            if (freezeTimeout != null && (freezeTimeout.isNegative() || freezeTimeout.isZero())) {
                throw new ControlCenterConfigException("unitize.control-center.cutover.freeze-timeout",
                        "freeze-timeout must be > 0, but was " + freezeTimeout);
            }
            return new CutoverSettings(publishTimeout, freezeAckTimeout, syncTimeout, switchAckTimeout, replayTimeout,
                    pollInterval, replayMargin, freezeTimeout);
        }

        public Duration getFreezeTimeout() {
            return freezeTimeout;
        }

        public void setFreezeTimeout(Duration freezeTimeout) {
            this.freezeTimeout = freezeTimeout;
        }

        public Duration getPublishTimeout() {
            return publishTimeout;
        }

        public void setPublishTimeout(Duration publishTimeout) {
            this.publishTimeout = publishTimeout;
        }

        public Duration getFreezeAckTimeout() {
            return freezeAckTimeout;
        }

        public void setFreezeAckTimeout(Duration freezeAckTimeout) {
            this.freezeAckTimeout = freezeAckTimeout;
        }

        public Duration getSyncTimeout() {
            return syncTimeout;
        }

        public void setSyncTimeout(Duration syncTimeout) {
            this.syncTimeout = syncTimeout;
        }

        public Duration getSwitchAckTimeout() {
            return switchAckTimeout;
        }

        public void setSwitchAckTimeout(Duration switchAckTimeout) {
            this.switchAckTimeout = switchAckTimeout;
        }

        public Duration getReplayTimeout() {
            return replayTimeout;
        }

        public void setReplayTimeout(Duration replayTimeout) {
            this.replayTimeout = replayTimeout;
        }

        public Duration getPollInterval() {
            return pollInterval;
        }

        public void setPollInterval(Duration pollInterval) {
            this.pollInterval = pollInterval;
        }

        public Duration getReplayMargin() {
            return replayMargin;
        }

        public void setReplayMargin(Duration replayMargin) {
            this.replayMargin = replayMargin;
        }

        public SyncMode getSyncMode() {
            return syncMode;
        }

        public void setSyncMode(SyncMode syncMode) {
            this.syncMode = syncMode;
        }

        public String getMarkerSchema() {
            return markerSchema;
        }

        public void setMarkerSchema(String markerSchema) {
            this.markerSchema = markerSchema;
        }
    }

    public static class Replay {
        /** Topic of replay requests in every unit's RocketMQ (the MQ module consumes it). */
        private String topic = "UNITIZE_REPLAY";

        public String getTopic() {
            return topic;
        }

        public void setTopic(String topic) {
            this.topic = topic;
        }
    }

    public static class Security {
        /** Operators created at startup when absent from the user store (passwords are stored BCrypt-hashed). */
        private List<Operator> bootstrapUsers = new ArrayList<>();
        private final LoginThrottle loginThrottle = new LoginThrottle();

        public LoginThrottle getLoginThrottle() {
            return loginThrottle;
        }

        public List<Operator> getBootstrapUsers() {
            return bootstrapUsers;
        }

        public void setBootstrapUsers(List<Operator> bootstrapUsers) {
            this.bootstrapUsers = bootstrapUsers;
        }
    }

    /** Failed sign-ins (console form and HTTP Basic) per user name and per client address. */
    public static class LoginThrottle {
        /** Failures of one user name (from anywhere) within {@code window} that lock it. */
        private int maxFailuresPerUser = 5;
        /** Failures from one client address (any user name) within {@code window} that lock it. */
        private int maxFailuresPerAddress = 20;
        private Duration window = Duration.ofMinutes(15);
        /** How long a locked user or address is refused, the right password included. */
        private Duration lockout = Duration.ofMinutes(15);
        /** At most this many user names and as many addresses are tracked (memory bound). */
        private int maxTracked = 10_000;

        public int getMaxFailuresPerUser() {
            return maxFailuresPerUser;
        }

        public void setMaxFailuresPerUser(int maxFailuresPerUser) {
            this.maxFailuresPerUser = maxFailuresPerUser;
        }

        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public Duration getLockout() {
            return lockout;
        }

        public void setLockout(Duration lockout) {
            this.lockout = lockout;
        }

        public int getMaxTracked() {
            return maxTracked;
        }

        public void setMaxTracked(int maxTracked) {
            this.maxTracked = maxTracked;
        }
    }

    public static class Operator {
        private String username;
        private String password;
        /** OPERATOR may change rules and run cutovers; VIEWER may only read. */
        private List<String> roles = new ArrayList<>(List.of("OPERATOR"));

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

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }
}
