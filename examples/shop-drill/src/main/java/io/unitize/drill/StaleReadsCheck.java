package io.unitize.drill;

import io.unitize.drill.Checker.Run;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Invariant 5 of the drill (see {@link Checker}): the client's GET answers and every unit's Redis against the center's database. */
final class StaleReadsCheck {

    private final ShopDatabases shop;

    StaleReadsCheck(ShopDatabases shop) {
        this.shop = shop;
    }

    /**
     * 5: (a) no GET answered an order as PLACED when it was sent more than the measured invalidation
     * lag after the order's cancel was acknowledged; (b) at the end, no unit's Redis holds a copy of
     * a scenario order whose status differs from the database's.
     */
    Verdict staleReads(Run run) throws SQLException {
        List<String> bad = new ArrayList<>();
        long checked = 0;
        for (Sample s : run.samples()) {
            Long cancelled = run.cancelAcknowledgedAt().get(s.orderId());
            if (s.op() == Sample.Op.GET && s.ok() && cancelled != null && s.sentAt() > cancelled) {
                checked++;
                if ("PLACED".equals(s.orderStatus()) && s.sentAt() > cancelled + run.invalidationLagMillis()) {
                    bad.add("GET of order " + s.orderId() + " via " + s.via() + " answered PLACED " + (s.sentAt() - cancelled)
                            + " ms after its cancel was acknowledged (lag " + run.invalidationLagMillis() + " ms)");
                }
            }
        }
        Map<Long, String> status = new HashMap<>();
        try (Connection c = shop.connect(shop.center()); PreparedStatement ps = c.prepareStatement("SELECT status FROM orders WHERE id = ?")) {
            for (UnitEndpoint u : shop.units()) {
                RedisClient client = RedisClient.create(u.redisUri());
                try (StatefulRedisConnection<String, String> redis = client.connect()) {
                    for (long buyer : run.buyers()) {
                        ScanCursor cursor = ScanCursor.INITIAL;
                        do {
                            KeyScanCursor<String> page = redis.sync().scan(cursor, ScanArgs.Builder.matches("order:" + buyer + ":*").limit(500));
                            for (String key : page.getKeys()) {
                                long id = Long.parseLong(key.substring(key.lastIndexOf(':') + 1));
                                String cached = redis.sync().get(key);
                                if (cached == null) {
                                    continue;
                                }
                                String db = status.computeIfAbsent(id, k -> {
                                    try {
                                        ps.setLong(1, k);
                                        try (ResultSet rs = ps.executeQuery()) {
                                            return rs.next() ? rs.getString(1) : "ABSENT";
                                        }
                                    } catch (SQLException e) {
                                        throw new IllegalStateException(e);
                                    }
                                });
                                checked++;
                                String cachedStatus = ControlCenterClient.JSON.readTree(cached).path("status").asText();
                                if (!cachedStatus.equals(db)) {
                                    bad.add(u.code() + "'s Redis " + key + " says " + cachedStatus + ", the database " + db);
                                }
                            }
                            cursor = page;
                        } while (!cursor.isFinished());
                    }
                } catch (Exception e) {
                    bad.add("cannot read " + u.code() + "'s Redis: " + e.getMessage());
                } finally {
                    client.shutdown();
                }
            }
        }
        return Verdict.of(Checker.I5, checked, bad);
    }
}
