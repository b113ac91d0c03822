package io.unitize.mq.spring;

import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SubscriptionMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code unitize.mq.*}: producer, consumer groups with their subscription modes, and the replicator of this unit. */
@ConfigurationProperties("unitize.mq")
public class UnitizeMqProperties {

    /** Turns the starter on (this unit's name server is its {@code rocketmq} endpoint in units[] of the rules). */
    private boolean enabled;

    /**
     * Deprecated: this unit's RocketMQ name server is its {@code rocketmq} endpoint in units[] of the rules
     * document. Still turns the starter on; used only where units[] gives this unit none, refused when it
     * disagrees (UNITIZE-RULE-062). Removed in the next release.
     */
    private String nameServer;

    /** The control center's replay topic in this unit. */
    private String replayTopic = "UNITIZE_REPLAY";

    private final Producer producer = new Producer();

    /** Consumer groups by group name. */
    private Map<String, Consumer> consumers = new LinkedHashMap<>();

    private final Replicator replicator = new Replicator();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @DeprecatedConfigurationProperty(reason = "this unit's name server is its rocketmq endpoint in units[] of the rules document; "
            + "turn the starter on with unitize.mq.enabled=true")
    public String getNameServer() {
        return nameServer;
    }

    public void setNameServer(String nameServer) {
        this.nameServer = nameServer;
    }

    public String getReplayTopic() {
        return replayTopic;
    }

    public void setReplayTopic(String replayTopic) {
        this.replayTopic = replayTopic;
    }

    public Producer getProducer() {
        return producer;
    }

    public Map<String, Consumer> getConsumers() {
        return consumers;
    }

    public void setConsumers(Map<String, Consumer> consumers) {
        this.consumers = consumers;
    }

    public Replicator getReplicator() {
        return replicator;
    }

    public static class Producer {
        /** Producer group; set it to get a UnitProducer bean. */
        private String group;

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }
    }

    public static class Consumer {
        /** NORMAL, CENTER, UNIT or ALL_UNIT. */
        private SubscriptionMode mode;
        /** Topics of the group. */
        private List<String> topics = new ArrayList<>();
        /** RocketMQ tag expression for every topic. */
        private String tags = "*";
        /** Name of the UnitMessageListener bean. */
        private String listener;
        /** UNIT mode: where a message without buyerId goes (center or dead-letter). */
        private NoBuyerPolicy noBuyer = NoBuyerPolicy.CENTER;
        /** Consume threads of the group. */
        private int threads = 4;

        public SubscriptionMode getMode() {
            return mode;
        }

        public void setMode(SubscriptionMode mode) {
            this.mode = mode;
        }

        public List<String> getTopics() {
            return topics;
        }

        public void setTopics(List<String> topics) {
            this.topics = topics;
        }

        public String getTags() {
            return tags;
        }

        public void setTags(String tags) {
            this.tags = tags;
        }

        public String getListener() {
            return listener;
        }

        public void setListener(String listener) {
            this.listener = listener;
        }

        public NoBuyerPolicy getNoBuyer() {
            return noBuyer;
        }

        public void setNoBuyer(NoBuyerPolicy noBuyer) {
            this.noBuyer = noBuyer;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }
    }

    public static class Replicator {
        /** Run the replicator of this unit (copies this unit's messages to every peer). */
        private boolean enabled;
        /** Topics with CENTER, UNIT or ALL_UNIT subscriptions. */
        private List<String> topics = new ArrayList<>();
        /**
         * Deprecated: the other units' name servers, unit code -> host:port. They are now the {@code rocketmq}
         * endpoints of units[] in the rules document; this map serves only where units[] has none, and a
         * value that disagrees is refused (UNITIZE-RULE-062). Removed in the next release.
         */
        private Map<String, String> peers = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getTopics() {
            return topics;
        }

        public void setTopics(List<String> topics) {
            this.topics = topics;
        }

        @DeprecatedConfigurationProperty(reason = "the peers' name servers are the rocketmq endpoints of units[] in the rules document")
        public Map<String, String> getPeers() {
            return peers;
        }

        public void setPeers(Map<String, String> peers) {
            this.peers = peers;
        }
    }
}
