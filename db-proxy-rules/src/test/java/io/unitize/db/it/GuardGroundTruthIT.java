package io.unitize.db.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitContext;
import io.unitize.db.GuardedTable;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.db.WriteHint;
import io.unitize.db.shardingsphere.GuardedDataSources;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 26's ground truth on the sandbox's MariaDB (unit-b's): every case of
 * {@code guard/probes.sql} (the write shapes that got through) and {@code guard/corpus.sql}
 * (ordinary statements of every DML form that must keep passing) is run
 * <ul>
 *   <li>unguarded, on a plain connection, in a transaction that is rolled back: the rows it really
 *       changes (every table, before and after images) say whether it is <i>unsafe</i> — it changed a
 *       row of a buyer not homed in unit-b, or frozen, or any row of a non-unit table;</li>
 *   <li>through the guard (ShardingSphere-JDBC, prepared and plain statements), in a transaction
 *       that is rolled back, reading the rows back on the same connection.</li>
 * </ul>
 * The guard may refuse a safe statement; it must never accept one whose effect is unsafe, a refused
 * statement changes nothing, every failure is a typed SQLException, and the expectation of each
 * line holds (reason included). An accepted statement without a hint changes exactly the rows it
 * changes unguarded (the guard did not alter it); a hinted one may have been narrowed to the
 * hint's buyer. One sandbox, one schema, all cases in one connection pool: a few seconds.
 */
@SandboxServers(ServerKind.MARIADB)
class GuardGroundTruthIT {

    private static final String SCHEMA = "it_guard_truth";
    private static final String HOME = "unit-b";
    private static final List<String> UNIT_TABLES = List.of("t_order", "t_order_item", "t_cart", "t_coupon", "t_small", "t_text");
    private static final List<String> OTHER_TABLES = List.of("t_product", "t_center_cfg", "t_ledger");
    private static final RulesSnapshot RULES = WriteGuardIT.rules(1, 7000, 7099);

    private static SandboxUnit unitB;
    private static HikariDataSource pool;
    private static DataSource guarded;
    private static Path dataFile;

    @BeforeAll
    static void start(UnitSandbox sandbox, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        unitB = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(unitB.jdbcUrl(""), unitB.dbUser(), unitB.dbPassword()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + SCHEMA);
            s.execute("CREATE DATABASE " + SCHEMA);
            s.execute("USE " + SCHEMA);
            for (String ddl : List.of(
                    "CREATE TABLE t_order (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, status VARCHAR(16) NOT NULL DEFAULT 'init', "
                            + "amount INT NOT NULL DEFAULT 0, KEY by_user (user_id))",
                    "CREATE TABLE t_order_item (id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL, user_id BIGINT NOT NULL, sku VARCHAR(16) NOT NULL, "
                            + "status VARCHAR(16) NOT NULL DEFAULT 'init')",
                    "CREATE TABLE t_cart (user_id BIGINT NOT NULL, sku VARCHAR(16) NOT NULL, qty INT NOT NULL, PRIMARY KEY (user_id, sku))",
                    "CREATE TABLE t_coupon (user_id BIGINT NOT NULL, id BIGINT NOT NULL, code VARCHAR(16) NOT NULL, PRIMARY KEY (user_id, id), UNIQUE KEY by_code (code))",
                    "CREATE TABLE t_small (id BIGINT PRIMARY KEY, user_id INT NOT NULL)",
                    "CREATE TABLE t_text (id BIGINT PRIMARY KEY, user_id VARCHAR(20) NOT NULL)",
                    "CREATE TABLE t_product (sku VARCHAR(16) PRIMARY KEY, price INT NOT NULL)",
                    "CREATE TABLE t_center_cfg (k VARCHAR(16) PRIMARY KEY, v VARCHAR(16))",
                    "CREATE TABLE t_ledger (id BIGINT PRIMARY KEY, note VARCHAR(16))",
                    "CREATE PROCEDURE p_touch(IN b BIGINT) UPDATE t_order SET amount = amount + 1 WHERE user_id = b",
                    "INSERT INTO t_order VALUES (1, 5001, 'init', 10), (2, 5001, 'paid', 20), (3, 5002, 'init', 30), (4, 42, 'init', 40), "
                            + "(5, 43, 'paid', 50), (6, 7050, 'init', 60), (7, 6001, 'init', 70), (8, 42, 'paid', 80)",
                    "INSERT INTO t_order_item VALUES (11, 1, 5001, 'a', 'init'), (12, 3, 5002, 'b', 'init'), (13, 4, 42, 'a', 'init'), "
                            + "(14, 5, 43, 'c', 'init'), (15, 6, 7050, 'a', 'init'), (16, 1, 5001, 'b', 'init')",
                    "INSERT INTO t_cart VALUES (5001, 'a', 1), (5002, 'b', 2), (42, 'a', 3)",
                    "INSERT INTO t_coupon VALUES (5001, 1, 'C1'), (42, 1, 'C42')",
                    "INSERT INTO t_small VALUES (1, 5001), (2, 42)",
                    "INSERT INTO t_text VALUES (1, '5001'), (2, '42')",
                    "INSERT INTO t_product VALUES ('a', 100), ('b', 200), ('c', 300)",
                    "INSERT INTO t_center_cfg VALUES ('blocked', 'x'), ('mode', 'y')",
                    "INSERT INTO t_ledger VALUES (1, 'n')")) {
                s.execute(ddl);
            }
        }
        dataFile = tmp.resolve("orders.csv");
        Files.writeString(dataFile, "201,42,loaded,1\n202,5001,loaded,2\n");
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(rawUrl());
        hc.setUsername(unitB.dbUser());
        hc.setPassword(unitB.dbPassword());
        hc.setMaximumPoolSize(2);
        pool = new HikariDataSource(hc);
        UnitWriteGuard.Builder guard = UnitWriteGuard.builder().unit(HOME).rules(() -> RULES)
                .table(GuardedTable.centerUnit("t_product")).table(GuardedTable.center("t_ledger"));
        UNIT_TABLES.forEach(t -> guard.table(GuardedTable.unit(t, "user_id")));
        guarded = GuardedDataSources.wrap("guard_truth_it", pool, guard.build());
    }

    /** The worst case the issue names: several statements per call and LOAD DATA LOCAL allowed by the driver. */
    private static String rawUrl() {
        return unitB.jdbcUrl(SCHEMA) + "?allowMultiQueries=true&allowLocalInfile=true";
    }

    @AfterAll
    static void stop() throws Exception {
        if (guarded != null) {
            ((AutoCloseable) guarded).close();
        }
        if (pool != null) {
            pool.close();
        }
    }

    /** One line of a fixture. */
    record Case(String source, int line, String expect, Long hint, List<Object> params, boolean raw, String sql) {
        @Override
        public String toString() {
            return source + ":" + line + " " + expect + (hint == null ? "" : " hint=" + hint) + " " + sql;
        }
    }

    /** What a run did: refused (reason), failed (a server or parser error), or changed these rows. */
    record Outcome(UnitWriteRefusedException refusal, SQLException error, Throwable untyped, Map<String, String> changed) {
        boolean accepted() {
            return refusal == null && error == null && untyped == null;
        }
    }

    @TestFactory
    Stream<DynamicTest> writeShapesOfIssue26() throws IOException {
        return cases("guard/probes.sql").stream().flatMap(this::tests);
    }

    @TestFactory
    Stream<DynamicTest> ordinaryStatementsKeepPassing() throws IOException {
        List<Case> corpus = cases("guard/corpus.sql");
        assertThat(corpus).as("the corpus of ordinary statements").hasSizeGreaterThanOrEqualTo(100);
        return corpus.stream().flatMap(this::tests);
    }

    private Stream<DynamicTest> tests(Case c) {
        List<DynamicTest> out = new ArrayList<>();
        out.add(DynamicTest.dynamicTest("prepared " + c, () -> check(c, true)));
        if (c.params().isEmpty()) {
            out.add(DynamicTest.dynamicTest("statement " + c, () -> check(c, false)));
        }
        return out.stream();
    }

    private void check(Case c, boolean prepared) throws Exception {
        Map<String, String> before = snapshot(pool);
        Outcome raw = c.raw() ? runRaw(c) : null;
        Outcome g = runGuarded(c, prepared);
        assertThat((Object) g.untyped()).as("%s: every failure inside the guard is a typed SQLException", c).isNull();
        if (!g.accepted()) {
            assertThat(g.changed()).as("%s: a refused or failed statement changes nothing", c).isEmpty();
        } else {
            assertThat(unsafe(before, g.changed())).as("%s: accepted, so it may change only rows of own, unfrozen buyers", c).isEmpty();
            if (c.hint() == null && raw != null && raw.accepted()) {
                assertThat(g.changed()).as("%s: the guard sends an unhinted statement as written", c).isEqualTo(raw.changed());
            }
        }
        if (c.expect().equals("ACCEPT")) {
            assertThat((Object) g.refusal()).as("%s: must pass the guard", c).isNull();
            assertThat((Object) g.error()).as("%s: must run", c).isNull();
            if (raw != null && c.hint() == null) {
                assertThat((Object) raw.error()).as("%s: the corpus statement itself is valid", c).isNull();
                assertThat(unsafe(before, raw.changed())).as("%s: an ordinary statement of the corpus is safe unguarded", c).isEmpty();
            }
        } else {
            assertThat((Object) g.refusal()).as("%s: must be refused by the guard (got %s)", c, g.error() != null ? g.error() : g.changed()).isNotNull();
            assertThat(g.refusal().getSQLState()).isEqualTo("45000");
            assertThat(g.refusal().getMessage()).startsWith(g.refusal().code());
            if (c.expect().startsWith("REFUSE:")) {
                assertThat(g.refusal().reason().name()).as("%s: %s", c, g.refusal().getMessage()).isEqualTo(c.expect().substring(7));
            }
        }
    }

    private Outcome runRaw(Case c) throws SQLException {
        try (Connection conn = DriverManager.getConnection(rawUrl(), unitB.dbUser(), unitB.dbPassword())) {
            return run(conn, c, true, null);
        }
    }

    private Outcome runGuarded(Case c, boolean prepared) throws SQLException {
        try (Connection conn = guarded.getConnection()) {
            if (c.hint() == null) {
                return run(conn, c, prepared, null);
            }
            try (WriteHint.Scope ignored = WriteHint.buyer(c.hint())) {
                return run(conn, c, prepared, c.hint());
            }
        }
    }

    private Outcome run(Connection conn, Case c, boolean prepared, Long hint) throws SQLException {
        conn.setAutoCommit(false);
        UnitWriteRefusedException refusal = null;
        SQLException error = null;
        Throwable untyped = null;
        Map<String, String> before = snapshot(conn);
        try {
            if (prepared) {
                try (PreparedStatement ps = conn.prepareStatement(c.sql())) {
                    for (int i = 0; i < c.params().size(); i++) {
                        ps.setObject(i + 1, c.params().get(i));
                    }
                    ps.execute();
                }
            } else {
                try (Statement s = conn.createStatement()) {
                    s.execute(c.sql());
                }
            }
        } catch (UnitWriteRefusedException e) {
            refusal = e;
        } catch (SQLException e) {
            UnitWriteRefusedException cause = refusalIn(e);
            if (cause != null) {
                refusal = cause;
            } else {
                error = e;
            }
        } catch (RuntimeException e) {
            untyped = e;
        }
        Map<String, String> after = snapshot(conn);
        conn.rollback();
        conn.setAutoCommit(true);
        return new Outcome(refusal, error, untyped, diff(before, after));
    }

    private static UnitWriteRefusedException refusalIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnitWriteRefusedException u) {
                return u;
            }
        }
        return null;
    }

    /** table:primary-key -> the row, for every table of the schema. */
    private static Map<String, String> snapshot(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            return snapshot(c);
        }
    }

    private static Map<String, String> snapshot(Connection c) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        for (String t : Stream.concat(UNIT_TABLES.stream(), OTHER_TABLES.stream()).toList()) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.append(i == 1 ? "" : ",").append(md.getColumnLabel(i).toLowerCase()).append('=').append(rs.getString(i));
                    }
                    String key = t.equals("t_cart") ? rs.getString("user_id") + "/" + rs.getString("sku")
                            : t.equals("t_coupon") ? rs.getString("user_id") + "/" + rs.getString("id")
                            : rs.getString(1);
                    rows.put(t + ":" + key, row.toString());
                }
            }
        }
        return rows;
    }

    /** key -> "before => after" for every row that differs (null for absent). */
    private static Map<String, String> diff(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changed = new TreeMap<>();
        Set<String> keys = new HashSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String k : keys) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                changed.put(k, before.get(k) + " => " + after.get(k));
            }
        }
        return changed;
    }

    /** The changed rows that this unit must not have written. */
    private static List<String> unsafe(Map<String, String> before, Map<String, String> changed) {
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> e : changed.entrySet()) {
            String table = e.getKey().substring(0, e.getKey().indexOf(':'));
            if (!UNIT_TABLES.contains(table)) {
                bad.add(e.getKey() + " (not a unit table) " + e.getValue());
                continue;
            }
            for (String image : e.getValue().split(" => ")) {
                if (image.equals("null")) {
                    continue;
                }
                String buyer = image.replaceAll(".*user_id=([^,]*).*", "$1");
                long id;
                try {
                    id = Long.parseLong(buyer);
                } catch (NumberFormatException notNumeric) {
                    bad.add(e.getKey() + " (buyer '" + buyer + "') " + e.getValue());
                    continue;
                }
                if (RULES.isFrozen(id) || !RULES.unitOf(id).code().equals(HOME)) {
                    bad.add(e.getKey() + " (buyer " + id + ") " + e.getValue());
                }
            }
        }
        return bad;
    }

    private static List<Case> cases(String resource) throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = GuardGroundTruthIT.class.getClassLoader().getResourceAsStream(resource)) {
            String[] lines = new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int n = 0; n < lines.length; n++) {
                String line = lines[n].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" :: ", 3);
                if (f.length != 3) {
                    throw new IllegalArgumentException(resource + ":" + (n + 1) + ": expected EXPECT :: OPTIONS :: SQL");
                }
                Long hint = null;
                List<Object> params = new ArrayList<>();
                boolean raw = true;
                if (!f[1].equals("-")) {
                    for (String opt : f[1].split(";")) {
                        if (opt.startsWith("hint=")) {
                            hint = Long.parseLong(opt.substring(5));
                        } else if (opt.startsWith("params=")) {
                            for (String p : opt.substring(7).split(",")) {
                                params.add(param(p));
                            }
                        } else if (opt.equals("noraw")) {
                            raw = false;
                        } else {
                            throw new IllegalArgumentException(resource + ":" + (n + 1) + ": unknown option " + opt);
                        }
                    }
                }
                out.add(new Case(resource.replaceFirst(".*/", ""), n + 1, f[0], hint, params, raw,
                        f[2].replace("${datafile}", dataFile.toString())));
            }
        }
        return out;
    }

    private static Object param(String p) {
        if (p.startsWith("'")) {
            return p.substring(1, p.length() - 1);
        }
        if (p.endsWith("bd")) {
            return new BigDecimal(p.substring(0, p.length() - 2));
        }
        if (p.endsWith("d")) {
            return Double.valueOf(p.substring(0, p.length() - 1));
        }
        if (p.endsWith("i")) {
            return Integer.valueOf(p.substring(0, p.length() - 1));
        }
        return Long.valueOf(p);
    }

    @Test
    void unitContextIsAHintThatPinsAndBatchRowsArePinnedEachToItsHint() throws Exception {
        Map<String, String> before = snapshot(pool);
        try (Connection conn = guarded.getConnection()) {
            conn.setAutoCommit(false);
            try (UnitContext.Scope ignored = UnitContext.enter(5001); Statement s = conn.createStatement()) {
                assertThat(s.executeUpdate("UPDATE t_order SET status = 'ctx'")).as("only buyer 5001's two orders").isEqualTo(2);
            }
            try (PreparedStatement ps = conn.prepareStatement("UPDATE t_order SET amount = -1 WHERE id = ?")) {
                for (long buyer : new long[]{5001, 5002}) {
                    try (WriteHint.Scope ignored = WriteHint.buyer(buyer)) {
                        for (long id : new long[]{buyer == 5001 ? 1 : 3, buyer == 5001 ? 4 : 5}) {
                            ps.setLong(1, id);
                            ps.addBatch();
                        }
                        assertThat(ps.executeBatch()).as("rows 4 and 5 belong to buyers 42 and 43: not touched").containsExactly(1, 0);
                    }
                }
            }
            Map<String, String> changed = diff(before, snapshot(conn));
            conn.rollback();
            assertThat(changed).containsOnlyKeys("t_order:1", "t_order:2", "t_order:3");
            assertThat(unsafe(before, changed)).isEmpty();
        }
        try (Connection conn = guarded.getConnection()) {
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement("DELETE FROM t_order WHERE id = ?")) {
                for (long[] row : new long[][]{{5001, 1}, {5002, 4}, {6001, 5}, {5002, 3}}) {
                    try (WriteHint.Scope ignored = WriteHint.buyer(row[0])) {
                        ps.setLong(1, row[1]);
                        ps.addBatch(); // each row checked and pinned to its own hint
                    }
                }
                ps.executeBatch();
            }
            Map<String, String> changed = diff(before, snapshot(conn));
            conn.rollback();
            assertThat(unsafe(before, changed)).as("a batch whose rows carry different hints touches no foreign buyer's row").isEmpty();
        }
    }
}
