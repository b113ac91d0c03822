package io.unitize.mq.rocketmq;

import io.unitize.mq.UnitMessage;
import io.unitize.mq.UnitMessageProperties;
import org.apache.rocketmq.common.message.MessageExt;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/** Conversions between RocketMQ messages and {@link UnitMessage}. */
final class Messages {

    private static final AtomicLong INSTANCES = new AtomicLong();

    private Messages() {
    }

    static UnitMessage toUnitMessage(MessageExt m, boolean replayed) {
        String replicatedFrom = m.getUserProperty(UnitMessageProperties.REPLICATED_FROM);
        String originalId = m.getUserProperty(UnitMessageProperties.ORIGIN_MSG_ID);
        return new UnitMessage(m.getTopic(), m.getTags(), m.getKeys(), m.getBody(), parse(m.getUserProperty(UnitMessageProperties.BUYER_ID)),
                parse(m.getUserProperty(UnitMessageProperties.VERSION)), m.getUserProperty(UnitMessageProperties.ORIGIN_UNIT),
                originalId != null ? originalId : m.getMsgId(), replicatedFrom != null, replayed, m.getStoreTimestamp(),
                java.util.Collections.unmodifiableMap(m.getProperties()));
    }

    private static OptionalLong parse(String v) {
        if (v == null || v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** A client instance name of its own: RocketMQ shares one client per instance name, and units have different name servers. */
    static String instanceName(String role, String unit) {
        return "unitize-" + role + "-" + unit + "-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
    }
}
