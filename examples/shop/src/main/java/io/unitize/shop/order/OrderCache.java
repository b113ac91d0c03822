package io.unitize.shop.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.unitize.cache.redis.RedisSource;
import io.unitize.shop.api.OrderView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Order details in the unit's Redis (source {@code orders}, mode unit), key {@code order:{buyer_id}:{id}}.
 * No TTL: the cache invalidator deletes the key in every unit when the row changes in any unit's
 * database. A Redis that cannot be reached is a cache miss, never an error.
 */
@Component
public class OrderCache {

    private static final Logger log = LoggerFactory.getLogger(OrderCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisSource<String, String> redis;

    public OrderCache(@Qualifier("orders") RedisSource<String, String> redis) {
        this.redis = redis;
    }

    public static String key(long buyerId, long orderId) {
        return "order:" + buyerId + ":" + orderId;
    }

    OrderView get(long buyerId, long orderId) {
        try {
            String json = redis.sync().get(key(buyerId, orderId));
            return json == null ? null : JSON.readValue(json, OrderView.class);
        } catch (Exception e) {
            log.warn("UNITIZE-SHOP-020 order cache unreadable ({}); reading the database. Next step: check the unit's Redis", e.toString());
            return null;
        }
    }

    void put(OrderView order) {
        try {
            redis.sync().set(key(order.getBuyerId(), order.getId()), JSON.writeValueAsString(order));
        } catch (Exception e) {
            log.warn("UNITIZE-SHOP-021 order cache not written ({}). Next step: check the unit's Redis", e.toString());
        }
    }
}
