package io.unitize.controlcenter.config;

import io.unitize.core.nacos.RulesChannel;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code unitize.control-center.*}: the units the control center publishes to, the bounds of the
 * cutover steps, the operators allowed in.
 */
@ConfigurationProperties("unitize.control-center")
public class ControlCenterProperties {

    /** Every unit, by unit code: its Nacos (and its credentials) and its database (sync markers). */
    private Map<String, UnitConnectionProperties> units = new LinkedHashMap<>();
    private final Rules rules = new Rules();
    private final CutoverProperties cutover = new CutoverProperties();
    private final Replay replay = new Replay();
    private final OperatorSecurityProperties security = new OperatorSecurityProperties();
    private final Store store = new Store();

    public Map<String, UnitConnectionProperties> getUnits() {
        return units;
    }

    public void setUnits(Map<String, UnitConnectionProperties> units) {
        this.units = units;
    }

    public Rules getRules() {
        return rules;
    }

    public CutoverProperties getCutover() {
        return cutover;
    }

    public Replay getReplay() {
        return replay;
    }

    public OperatorSecurityProperties getSecurity() {
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
}
