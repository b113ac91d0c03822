package io.unitize.shop.consumers;

import io.unitize.mq.UnitMessage;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sales-totals consumer's transaction (the drill: calibration orders' events thrown as a
 * deadlock's loser were redelivered by RocketMQ only 10 s+ later, inside the next scenario): the
 * totals' rows are taken in product order whatever the event's line order, a transaction the
 * database rolled back runs again at once and counts once, and a locking read is never made of an
 * order's row that does not exist (the gap lock two new orders' inserts deadlocked on).
 * The database is an in-memory fake behind JDBC proxies that sees every statement.
 */
class SalesTotalsRetryTest {

    /** sales_applied and sales_totals in memory, committed on commit; the first {@code deadlocks} statements on sales_totals lose a deadlock. */
    static final class FakeDatabase {
        final Map<Long, Long> applied = new HashMap<>();
        final Map<Long, Long> units = new HashMap<>();
        final List<String> statements = new ArrayList<>();
        final List<Long> totalsTouched = new ArrayList<>();
        int deadlocks;

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class}, (p, m, a) -> {
                if (m.getName().equals("getConnection")) {
                    return connection();
                }
                throw new UnsupportedOperationException(m.getName());
            });
        }

        private Connection connection() {
            Map<Long, Long> txApplied = new HashMap<>(applied);
            Map<Long, Long> txUnits = new HashMap<>(units);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, (p, m, a) -> switch (m.getName()) {
                case "prepareStatement" -> statement((String) a[0], txApplied, txUnits);
                case "commit" -> {
                    applied.clear();
                    applied.putAll(txApplied);
                    units.clear();
                    units.putAll(txUnits);
                    yield null;
                }
                case "setAutoCommit", "rollback", "close" -> null;
                default -> throw new UnsupportedOperationException(m.getName());
            });
        }

        private PreparedStatement statement(String sql, Map<Long, Long> txApplied, Map<Long, Long> txUnits) {
            long[] params = new long[4];
            return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{PreparedStatement.class}, (p, m, a) -> {
                switch (m.getName()) {
                    case "setLong" -> params[(Integer) a[0]] = (Long) a[1];
                    case "executeQuery" -> {
                        boolean present = txApplied.containsKey(params[1]);
                        statements.add(sql.contains("FOR UPDATE") ? (present ? "lock existing" : "lock missing") : "read");
                        return result(present ? txApplied.get(params[1]) : null);
                    }
                    case "executeUpdate" -> {
                        if (sql.startsWith("INSERT INTO sales_applied")) {
                            txApplied.put(params[1], params[2]);
                        } else if (sql.startsWith("UPDATE sales_applied")) {
                            txApplied.put(params[2], params[1]);
                        } else {
                            if (deadlocks > 0) {
                                deadlocks--;
                                throw new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting transaction",
                                        "40001", 1213);
                            }
                            totalsTouched.add(params[1]);
                            txUnits.merge(params[1], params[2], Long::sum);
                        }
                        return 1;
                    }
                    case "close" -> {
                        return null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                }
                return null;
            });
        }

        private static ResultSet result(Long version) {
            boolean[] read = {false};
            return (ResultSet) Proxy.newProxyInstance(FakeDatabase.class.getClassLoader(), new Class<?>[]{ResultSet.class}, (p, m, a) -> switch (m.getName()) {
                case "next" -> {
                    boolean has = version != null && !read[0];
                    read[0] = true;
                    yield has;
                }
                case "getLong" -> version;
                case "close" -> null;
                default -> throw new UnsupportedOperationException(m.getName());
            });
        }
    }

    private static UnitMessage event(long id, String status, long version, OrderLine... lines) {
        OrderView o = new OrderView();
        o.setId(id);
        o.setBuyerId(31_500);
        o.setStatus(status);
        o.setVersion(version);
        o.setLines(List.of(lines));
        return new UnitMessage("ORDER_EVENTS", status, Long.toString(id), OrderEvents.body(o), OptionalLong.of(31_500), OptionalLong.of(version),
                "center", "m-" + id + "-" + version, false, false, 0, Map.of());
    }

    @Test
    void the_totals_rows_are_taken_in_product_order_whatever_the_events_line_order() throws Exception {
        FakeDatabase db = new FakeDatabase();

        new SalesTotalsListener(db.dataSource()).onMessage(event(7, "PLACED", 1, new OrderLine(3, 1, 1200), new OrderLine(1, 2, 450),
                new OrderLine(2, 1, 900)));

        assertThat(db.totalsTouched).containsExactly(1L, 2L, 3L);
        assertThat(db.units).containsEntry(1L, 2L).containsEntry(2L, 1L).containsEntry(3L, 1L);
    }

    @Test
    void the_first_event_of_an_order_makes_no_locking_read_of_its_missing_row() throws Exception {
        FakeDatabase db = new FakeDatabase();
        SalesTotalsListener listener = new SalesTotalsListener(db.dataSource());

        listener.onMessage(event(7, "PLACED", 1, new OrderLine(1, 1, 450)));
        listener.onMessage(event(7, "CANCELLED", 2, new OrderLine(1, 1, 450)));

        assertThat(db.statements).doesNotContain("lock missing").contains("lock existing");
        assertThat(db.units).containsEntry(1L, 0L);
        assertThat(db.applied).containsEntry(7L, 2L);
    }

    @Test
    void a_transaction_that_lost_a_deadlock_runs_again_at_once_and_counts_once() throws Exception {
        FakeDatabase db = new FakeDatabase();
        db.deadlocks = SalesTotalsListener.ATTEMPTS - 1;

        new SalesTotalsListener(db.dataSource()).onMessage(event(7, "PLACED", 1, new OrderLine(1, 2, 450)));

        assertThat(db.units).containsEntry(1L, 2L);
        assertThat(db.applied).containsEntry(7L, 1L);
    }

    @Test
    void a_deadlock_on_every_attempt_is_thrown_and_nothing_is_applied() {
        FakeDatabase db = new FakeDatabase();
        db.deadlocks = SalesTotalsListener.ATTEMPTS;

        assertThatThrownBy(() -> new SalesTotalsListener(db.dataSource()).onMessage(event(7, "PLACED", 1, new OrderLine(1, 2, 450))))
                .isInstanceOf(SQLException.class);

        assertThat(db.units).isEmpty();
        assertThat(db.applied).isEmpty();
    }
}
