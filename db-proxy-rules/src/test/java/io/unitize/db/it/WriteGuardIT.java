package io.unitize.db.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitContext;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.db.CenterDataSourceUnavailableException;
import io.unitize.db.GuardedTable;
import io.unitize.db.MaintenanceWrites;
import io.unitize.db.UnitDataSources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.micrometer.GuardMetrics;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.db.UnitWriteRefusedException.Reason;
import io.unitize.db.WriteHint;
import io.unitize.db.mybatis.UnitKeyInterceptor;
import io.unitize.db.shardingsphere.GuardedDataSources;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guard on real ShardingSphere-JDBC over unit-b's MariaDB of the sandbox. Rules: center owns
 * slots 0-4999, unit-b 5000-9999 (slot = buyerId mod 10,000). After each case the table content
 * is read back directly (not through the guard).
 */
@SandboxServers(ServerKind.MARIADB)
class WriteGuardIT {

    private static final String SCHEMA = "it_guard";
    private static final AtomicReference<RulesSnapshot> RULES = new AtomicReference<>();
    private static SandboxUnit unitB;
    private static HikariDataSource raw;
    private static DataSource guarded;
    private static UnitWriteGuard guard;

    static RulesSnapshot rules(long version, int frozenFrom, int frozenTo) {
        UnitRules.Builder b = UnitRules.builder().version(version).updatedAt(Instant.now()).author("it").reason("guard IT")
                .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                .route(0, 4999, "center").route(5000, 9999, "unit-b");
        if (frozenFrom >= 0) {
            b.freeze(frozenFrom, frozenTo);
        }
        return b.build().compile();
    }

    @BeforeAll
    static void start(UnitSandbox sandbox) throws Exception {
        unitB = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(unitB.jdbcUrl(""), unitB.dbUser(), unitB.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + SCHEMA);
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".orders (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL, amount INT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".product (sku VARCHAR(32) PRIMARY KEY, price INT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".audit_note (id BIGINT PRIMARY KEY, note VARCHAR(64))");
        }
        RULES.set(rules(1, 7000, 7099)); // buyers in slots 7000-7099 are being moved
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(unitB.jdbcUrl(SCHEMA));
        hc.setUsername(unitB.dbUser());
        hc.setPassword(unitB.dbPassword());
        hc.setMaximumPoolSize(8);
        raw = new HikariDataSource(hc);
        guard = UnitWriteGuard.builder().unit("unit-b").rules(RULES::get)
                .table(GuardedTable.unit("orders", "buyer_id")).table(GuardedTable.centerUnit("product"))
                .maintenanceTable("orders").build();
        guarded = GuardedDataSources.wrap("guard_it", raw, guard);
    }

    @AfterAll
    static void stop() throws Exception {
        ((AutoCloseable) guarded).close();
        raw.close();
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM orders");
        }
    }

    /** id -> "buyer:amount", read straight from MariaDB. */
    private static Map<Long, String> orders() throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = raw.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, buyer_id, amount FROM orders")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getLong(2) + ":" + rs.getInt(3));
            }
        }
        return rows;
    }

    private static int exec(String sql, Object... params) throws SQLException {
        try (Connection c = guarded.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    private static UnitWriteRefusedException refused(ThrowingRunnable r) {
        try {
            r.run();
        } catch (UnitWriteRefusedException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected a UnitWriteRefusedException, got " + e, e);
        }
        throw new AssertionError("expected a UnitWriteRefusedException, but the write went through");
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void ownBuyersAreWrittenForeignBuyersAreRefusedNamingTableBuyerSlotVersionAndReason() throws Exception {
        assertThat(exec("INSERT INTO orders (id, buyer_id, amount) VALUES (?, ?, ?)", 1L, 5001L, 10)).isEqualTo(1);
        assertThat(exec("INSERT INTO orders (id, buyer_id, amount) VALUES (2, 15002, 20)")).as("literal values").isEqualTo(1);
        UnitWriteRefusedException e = refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (?, ?, ?)", 3L, 42L, 30));
        assertThat(e.reason()).isEqualTo(Reason.NOT_HOMED_HERE);
        assertThat(e.table()).isEqualTo("orders");
        assertThat(e.buyerId()).isEqualTo(42L);
        assertThat(e.slot()).isEqualTo(42);
        assertThat(e.rulesVersion()).isEqualTo(1);
        assertThat(e.getSQLState()).isEqualTo("45000");
        assertThat(e.getMessage()).contains("write to orders refused (NOT_HOMED_HERE) for buyer 42 (slot 42), rules version 1")
                .contains("homed in center, not in unit-b");
        assertThat(exec("UPDATE orders SET amount = 11 WHERE buyer_id = ? AND id = ?", 5001L, 1L)).isEqualTo(1);
        assertThat(refused((ThrowingRunnable) () -> exec("UPDATE orders SET amount = 0 WHERE buyer_id = 42")).reason()).isEqualTo(Reason.NOT_HOMED_HERE);
        assertThat(refused((ThrowingRunnable) () -> exec("UPDATE orders SET buyer_id = 42 WHERE buyer_id = 15002")).reason())
                .as("moving a row of a local buyer to a foreign buyer touches two units").isEqualTo(Reason.MIXED_UNITS);
        assertThat(refused((ThrowingRunnable) () -> exec("UPDATE orders SET buyer_id = 43 WHERE buyer_id = 42")).reason())
                .isEqualTo(Reason.NOT_HOMED_HERE);
        assertThat(refused((ThrowingRunnable) () -> exec("DELETE FROM orders WHERE buyer_id IN (5001, 42)")).reason()).isEqualTo(Reason.MIXED_UNITS);
        assertThat(refused((ThrowingRunnable) () -> exec("REPLACE INTO orders (id, buyer_id, amount) VALUES (2, 15002, 21)")).reason())
                .as("the primary key (id) does not hold the buyer: REPLACE could delete another buyer's row").isEqualTo(Reason.UPSERT_KEY_LAYOUT);
        assertThat(refused((ThrowingRunnable) () -> exec("REPLACE INTO orders (id, buyer_id, amount) VALUES (4, 43, 1)")).reason()).isEqualTo(Reason.UPSERT_KEY_LAYOUT);
        assertThat(orders()).containsExactly(Map.entry(1L, "5001:11"), Map.entry(2L, "15002:20"));
        assertThat(exec("DELETE FROM orders WHERE buyer_id = ?", 5001L)).isEqualTo(1);
        assertThat(orders()).containsOnlyKeys(2L);
    }

    @Test
    void everyAuditedStatementIsCountedAcceptedOrRefusedWithItsReasonAndCode() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new GuardMetrics("unit-b", guard.counters()).bindTo(registry);
        java.util.function.Function<String, Double> count = reason -> registry.get("unitize.db.guard.statements")
                .tag("unit", "unit-b").tag("reason", reason).functionCounter().count();
        double accepted = count.apply("none");
        double frozen = count.apply("frozen");
        double foreign = count.apply("not_homed_here");
        exec("INSERT INTO orders (id, buyer_id, amount) VALUES (20, 5020, 1)");
        refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (21, 7051, 1)"));
        refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (22, 42, 1)"));
        refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (23, 43, 1)"));
        assertThat(count.apply("none") - accepted).isEqualTo(1);
        assertThat(count.apply("frozen") - frozen).isEqualTo(1);
        assertThat(count.apply("not_homed_here") - foreign).isEqualTo(2);
        assertThat(registry.get("unitize.db.guard.statements").tag("reason", "frozen").functionCounter().getId().getTag("code"))
                .isEqualTo("UNITIZE-DB-010");
        assertThat(registry.get("unitize.db.guard.statements").tag("reason", "frozen").functionCounter().getId().getTag("outcome"))
                .isEqualTo("refused");
    }

    @Test
    void frozenBuyersCannotWriteButCanRead() throws Exception {
        try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO orders VALUES (7, 7050, 70)"); // written before the freeze
        }
        UnitWriteRefusedException e = refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (8, 7051, 1)"));
        assertThat(e.reason()).isEqualTo(Reason.FROZEN);
        assertThat(e.getMessage()).contains("buyer 7051 (slot 7051)").contains("retry after the cutover");
        assertThat(refused((ThrowingRunnable) () -> exec("UPDATE orders SET amount = 1 WHERE buyer_id = 7050")).reason()).isEqualTo(Reason.FROZEN);
        assertThat(refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (9, 7051, 1)")).reason())
                .as("frozen is checked first, also for a buyer of another unit's slots").isEqualTo(Reason.FROZEN);
        try (Connection c = guarded.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT amount FROM orders WHERE buyer_id = ?")) {
            ps.setLong(1, 7050);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("reads are never blocked by a freeze").isEqualTo(70);
            }
        }
        assertThat(orders()).containsExactly(Map.entry(7L, "7050:70"));
    }

    @Test
    void aWriteWithoutBuyerIsRefusedUnlessHintedAndAConflictingHintIsRefused() throws Exception {
        exec("INSERT INTO orders (id, buyer_id, amount) VALUES (1, 5001, 10)");
        assertThat(refused((ThrowingRunnable) () -> exec("UPDATE orders SET amount = 12 WHERE id = 1")).reason()).isEqualTo(Reason.NO_BUYER);
        exec("INSERT INTO orders (id, buyer_id, amount) VALUES (2, 5002, 20)");
        try (WriteHint.Scope ignored = WriteHint.buyer(5001)) {
            assertThat(exec("UPDATE orders SET amount = 12 WHERE id = 1")).isEqualTo(1);
            assertThat(exec("UPDATE orders SET amount = 12 WHERE id = 2")).as("the hint pins the statement to buyer 5001: 5002's row is not touched")
                    .isZero();
            assertThat(exec("UPDATE orders SET amount = amount")).as("no WHERE: only the hint's buyer's rows").isEqualTo(1);
            UnitWriteRefusedException conflict = refused((ThrowingRunnable) () -> exec("UPDATE orders SET amount = 13 WHERE buyer_id = 5002"));
            assertThat(conflict.reason()).isEqualTo(Reason.HINT_CONFLICT);
            assertThat(conflict.getMessage()).contains("writes buyer 5002 but the hint (@UnitKey / UnitContext) says buyer 5001");
        }
        try (UnitContext.Scope ignored = UnitContext.enter(42)) {
            assertThat(refused((ThrowingRunnable) () -> exec("UPDATE orders SET amount = 14 WHERE id = 1")).reason())
                    .as("UnitContext's buyer is the hint").isEqualTo(Reason.NOT_HOMED_HERE);
        }
        assertThat(orders()).containsExactly(Map.entry(1L, "5001:12"), Map.entry(2L, "5002:20"));
    }

    @Test
    void batchesAndMultiRowInsertsAreCheckedRowByRowAndATransactionRollsBack() throws Exception {
        assertThat(refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (1, 5001, 1), (2, 42, 2)")).reason())
                .isEqualTo(Reason.MIXED_UNITS);
        try (Connection c = guarded.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, buyer_id, amount) VALUES (?, ?, ?)")) {
            ps.setLong(1, 3);
            ps.setLong(2, 5003);
            ps.setInt(3, 3);
            ps.addBatch();
            ps.setLong(1, 4);
            ps.setLong(2, 44);
            ps.setInt(3, 4);
            assertThat(refused((ThrowingRunnable) ps::addBatch).reason()).as("the foreign row of the batch").isEqualTo(Reason.NOT_HOMED_HERE);
            ps.clearBatch();
        }
        try (Connection c = guarded.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, buyer_id, amount) VALUES (?, ?, ?)")) {
                ps.setLong(1, 5);
                ps.setLong(2, 5005);
                ps.setInt(3, 5);
                ps.executeUpdate();
                ps.setLong(1, 6);
                ps.setLong(2, 46);
                ps.setInt(3, 6);
                assertThat(refused((ThrowingRunnable) ps::executeUpdate).reason()).isEqualTo(Reason.NOT_HOMED_HERE);
            }
            c.rollback();
        }
        try (Connection c = guarded.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, buyer_id, amount) VALUES (?, ?, ?)")) {
            for (long i = 10; i < 13; i++) {
                ps.setLong(1, i);
                ps.setLong(2, 5000 + i);
                ps.setInt(3, (int) i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(3);
        }
        assertThat(orders()).as("nothing of the refused batch row, the rolled back transaction or the mixed insert")
                .containsOnlyKeys(10L, 11L, 12L);
    }

    @Test
    void centerTablesUndeclaredTablesAndMaintenanceWrites() throws Exception {
        UnitWriteRefusedException center = refused((ThrowingRunnable) () -> exec("INSERT INTO product (sku, price) VALUES ('a', 1)"));
        assertThat(center.reason()).isEqualTo(Reason.CENTER_ONLY);
        assertThat(center.getMessage()).contains("CENTER_UNIT table product is written only in the center (center), this is unit-b");
        try (Connection c = guarded.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM product")) {
            assertThat(rs.next()).as("center-unit tables are read locally").isTrue();
        }
        assertThat(refused((ThrowingRunnable) () -> exec("INSERT INTO audit_note (id, note) VALUES (1, 'x')")).reason()).isEqualTo(Reason.UNDECLARED_TABLE);

        exec("INSERT INTO orders (id, buyer_id, amount) VALUES (1, 5001, -1)");
        assertThat(refused((ThrowingRunnable) () -> exec("DELETE FROM orders WHERE amount < 0")).reason()).isEqualTo(Reason.NO_BUYER);
        try (WriteHint.Scope job = MaintenanceWrites.open("purge negative amounts", "orders")) {
            assertThat(exec("DELETE FROM orders WHERE amount < 0")).isEqualTo(1);
            assertThat(refused((ThrowingRunnable) () -> exec("INSERT INTO orders (id, buyer_id, amount) VALUES (2, 42, 1)")).reason())
                    .as("a maintenance scope does not lift the unit check of a visible buyer").isEqualTo(Reason.NOT_HOMED_HERE);
        }
        assertThat(refused((ThrowingRunnable) () -> exec("DELETE FROM orders WHERE amount < 0")).reason()).as("scope closed").isEqualTo(Reason.NO_BUYER);
        assertThat(orders()).isEmpty();

        DataSource centerDs = UnitDataSources.centerOnly("center-orders", "unit-b", "center", () -> {
            throw new AssertionError("a center datasource must not be created in unit-b");
        });
        assertThatThrownBy(centerDs::getConnection).isInstanceOf(CenterDataSourceUnavailableException.class)
                .hasMessageContaining("datasource 'center-orders' is a center datasource").hasMessageContaining("runs in unit-b");
    }

    @Test
    void myBatisMappersGiveTheBuyerThroughUnitKey() throws Exception {
        Configuration conf = new Configuration(new Environment("it", new JdbcTransactionFactory(), guarded));
        conf.addMapper(OrderMapper.class);
        conf.addInterceptor(new UnitKeyInterceptor());
        SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(conf);
        try (SqlSession session = factory.openSession(true)) {
            OrderMapper mapper = session.getMapper(OrderMapper.class);
            assertThat(mapper.insert(1, 5001, 10)).isEqualTo(1);
            assertThat(mapper.setAmount(5001, 1, 20)).isEqualTo(1);
            Exception foreign = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> mapper.setAmount(42, 1, 30));
            assertThat(rootRefusal(foreign).reason()).isEqualTo(Reason.NOT_HOMED_HERE);
            Exception blind = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> mapper.setAmountBlind(1, 40));
            assertThat(rootRefusal(blind).reason()).isEqualTo(Reason.NO_BUYER);
            Exception insertForeign = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> mapper.insert(2, 42, 1));
            assertThat(rootRefusal(insertForeign).reason()).isEqualTo(Reason.NOT_HOMED_HERE);
        }
        assertThat(orders()).containsExactly(Map.entry(1L, "5001:20"));
    }

    private static UnitWriteRefusedException rootRefusal(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnitWriteRefusedException u) {
                return u;
            }
        }
        throw new AssertionError("no UnitWriteRefusedException in " + t, t);
    }
}
