package io.unitize.mq;

import java.util.Map;
import java.util.OptionalLong;

/**
 * One message as a Unitize listener sees it.
 *
 * @param messageId   the id in the origin unit's broker (for a replicated copy, the original's id)
 * @param replicated  whether this is a copy the replicator brought from another unit
 * @param replayed    whether it is delivered by a replay after a cutover
 */
public record UnitMessage(String topic, String tags, String keys, byte[] body, OptionalLong buyerId, OptionalLong version,
                          String originUnit, String messageId, boolean replicated, boolean replayed, long storeTimestamp,
                          Map<String, String> properties) {

    public String bodyAsString() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
