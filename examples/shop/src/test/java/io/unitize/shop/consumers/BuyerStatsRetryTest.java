package io.unitize.shop.consumers;

import io.unitize.mq.UnitMessage;
import io.unitize.shop.ShopProperties;
import io.unitize.shop.api.OrderLine;
import io.unitize.shop.api.OrderView;
import io.unitize.shop.order.OrderEvents;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The buyer-stats consumer (the drill's short form: its gate's locking read of new orders' missing
 * rows deadlocked, RocketMQ redelivered the loser 10 s+ later, after a cutover had moved the buyer,
 * and no unit applied it): a transaction the database rolled back runs again at once and counts once.
 * The database is a fake behind JDBC proxies: every gate row is new, the first statements lose a deadlock.
 */
class BuyerStatsRetryTest {

    static final class FakeDatabase {
        int deadlocks;
        final List<String> committed = new ArrayList<>();

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class}, (p, m, a) -> {
                if (m.getName().equals("getConnection")) {
                    return connection();
                }
                throw new UnsupportedOperationException(m.getName());
            });
        }

        private Connection connection() {
            List<String> tx = new ArrayList<>();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, (p, m, a) -> switch (m.getName()) {
                case "prepareStatement" -> statement((String) a[0], tx);
                case "commit" -> {
                    committed.addAll(tx);
                    yield null;
                }
                case "rollback" -> {
                    tx.clear();
                    yield null;
                }
                case "setAutoCommit", "close" -> null;
                default -> throw new UnsupportedOperationException(m.getName());
            });
        }

        private PreparedStatement statement(String sql, List<String> tx) {
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{PreparedStatement.class}, (p, m, a) -> {
                switch (m.getName()) {
                    case "executeQuery" -> {
                        if (deadlocks > 0) {
                            deadlocks--;
                            throw new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
                        }
                        return empty();
                    }
                    case "executeUpdate" -> {
                        tx.add(sql.substring(0, sql.indexOf(' ', 7)));
                        return 1;
                    }
                    case "setLong", "setString", "close" -> {
                        return null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                }
            });
        }

        private static ResultSet empty() {
            return (ResultSet) Proxy.newProxyInstance(FakeDatabase.class.getClassLoader(), new Class<?>[]{ResultSet.class}, (p, m, a) -> switch (m.getName()) {
                case "next" -> false;
                case "close" -> null;
                default -> throw new UnsupportedOperationException(m.getName());
            });
        }

        long upserts() {
            return committed.stream().filter(s -> s.startsWith("INSERT INTO")).count();
        }
    }

    private static BuyerStatsListener listener(FakeDatabase db) {
        ShopProperties props = new ShopProperties();
        props.setUnit("center");
        return new BuyerStatsListener(db.dataSource(), props);
    }

    private static UnitMessage placed() {
        OrderView o = new OrderView();
        o.setId(7);
        o.setBuyerId(12_000);
        o.setStatus("PLACED");
        o.setVersion(1);
        o.setLines(List.of(new OrderLine(1, 2, 450)));
        return new UnitMessage("ORDER_EVENTS", "PLACED", "7", OrderEvents.body(o), OptionalLong.of(12_000), OptionalLong.of(1), "center",
                "m-7-1", false, false, 0, Map.of());
    }

    @Test
    void a_transaction_that_lost_a_deadlock_runs_again_at_once_and_counts_once() throws Exception {
        FakeDatabase db = new FakeDatabase();
        db.deadlocks = SalesTotalsListener.ATTEMPTS - 1;

        listener(db).onMessage(placed());

        assertThat(db.upserts()).isEqualTo(1);
    }

    @Test
    void a_deadlock_on_every_attempt_is_thrown_and_nothing_is_counted() {
        FakeDatabase db = new FakeDatabase();
        db.deadlocks = SalesTotalsListener.ATTEMPTS;

        assertThatThrownBy(() -> listener(db).onMessage(placed())).isInstanceOf(SQLException.class);

        assertThat(db.committed).isEmpty();
    }
}
