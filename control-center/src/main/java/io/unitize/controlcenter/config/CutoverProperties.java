package io.unitize.controlcenter.config;

import io.unitize.controlcenter.cutover.CutoverSettings;
import io.unitize.controlcenter.cutover.SyncMode;

import java.time.Duration;

/** {@code unitize.control-center.cutover.*}: the bounds of the cutover steps and how data arrival is confirmed. */
public class CutoverProperties {
    private Duration publishTimeout = Duration.ofSeconds(10);
    private Duration freezeAckTimeout = Duration.ofSeconds(15);
    private Duration syncTimeout = Duration.ofSeconds(30);
    private Duration switchAckTimeout = Duration.ofSeconds(15);
    /**
     * How long REPLAY keeps trying to deliver the replay request to a target unit's RocketMQ (after the
     * switch: it does not lengthen the freeze). 30 s: a broker that answered late (RemotingTimeoutException
     * after the producer's 3 s) for 10 s left a replay undelivered in the drill, and its messages unapplied.
     */
    private Duration replayTimeout = Duration.ofSeconds(30);
    /**
     * The longest the moving slots stay frozen before the new routes are stored; past it the cutover rolls
     * back, whatever the step and the cause. Default: publish-timeout + freeze-ack-timeout + 2 x sync-timeout.
     */
    private Duration freezeTimeout;
    private Duration pollInterval = Duration.ofMillis(50);
    /**
     * Replay starts at T minus this margin: the clock skew between units and the consumers' lag. A
     * message produced before T that a source-unit consumer had not applied yet when the freeze came
     * (the guard refused its write; RocketMQ delivers it again later, when the buyer is no longer that
     * unit's) is replayed only if it is inside the margin. Replays are idempotent (the version gate),
     * so a wide margin costs only reading more of the broker. Default 60 s: 5 s lost three buyer-stats
     * increments in the drill on a slow machine (consumer lag ~11 s).
     */
    private Duration replayMargin = Duration.ofSeconds(60);
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
