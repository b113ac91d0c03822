package io.unitize.jobs.it;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.jobs.jdbc.JdbcJobLease;
import io.unitize.jobs.jdbc.JdbcTimeoutStore;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.UnitSandbox;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two sandbox units as one test needs them: a fresh database (created in the center, replicated to
 * unit-b) with the module's tables, a rules channel of its own in both units' Nacos (publisher +
 * one subscriber per unit), and a connection pool per instance.
 */
final class SandboxUnits implements AutoCloseable {

    final UnitSandbox sandbox;
    final String db;
    private final RulesPublisher publisher;
    private final Map<String, RulesSubscriber> subscribers = new LinkedHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    SandboxUnits(UnitSandbox sandbox, String name) throws Exception {
        this.sandbox = sandbox;
        String id = Long.toHexString(System.nanoTime() & 0xffffffL);
        this.db = "it_jobs_" + name + "_" + id;
        SandboxUnit center = sandbox.center();
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        DataSource ddl = pool("center", 1);
        new JdbcJobLease(ddl).createTable();
        new JdbcTimeoutStore(ddl).createTable();
        await(Duration.ofSeconds(60), "the tables replicated to unit-b", () -> tableVisible("unit-b"));
        String channel = "jobs-" + name + "-" + id;
        RulesPublisher.Builder pb = RulesPublisher.builder().dataId(channel + ".json").group(channel);
        for (SandboxUnit u : sandbox.units()) {
            pb.unit(u.code(), u.nacosAddr());
        }
        publisher = pb.build();
        closing.add(publisher);
        publish(rulesV1());
        for (SandboxUnit u : sandbox.units()) {
            RulesSubscriber s = RulesSubscriber.builder().serverAddr(u.nacosAddr()).unit(u.code()).agentKind("unit-jobs-it")
                    .dataId(channel + ".json").group(channel).build().start();
            closing.add(s);
            subscribers.put(u.code(), s);
        }
        awaitApplied(1);
    }

    private static UnitRules rulesV1() {
        return io.unitize.jobs.Rules.split(1).rules();
    }

    void publish(UnitRules rules) {
        publisher.publish(rules);
    }

    /** Waits until every unit's subscriber applied {@code version} (Nacos serves a publication after a short delay). */
    void awaitApplied(long version) throws InterruptedException {
        await(Duration.ofSeconds(60), "rules v" + version + " applied in every unit",
                () -> subscribers.values().stream().allMatch(s -> s.appliedVersion() >= version));
    }

    RulesSubscriber rules(String unit) {
        return subscribers.get(unit);
    }

    /** A pool of its own, as an instance of that unit would have. */
    DataSource pool(String unit, int size) {
        SandboxUnit u = sandbox.unit(unit);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(u.jdbcUrl(db));
        hc.setUsername(u.dbUser());
        hc.setPassword(u.dbPassword());
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(1);
        HikariDataSource ds = new HikariDataSource(hc);
        closing.add(ds);
        return ds;
    }

    private boolean tableVisible(String unit) {
        SandboxUnit u = sandbox.unit(unit);
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(db), u.dbUser(), u.dbPassword()); Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + JdbcTimeoutStore.TABLE + " LIMIT 1").close();
            s.executeQuery("SELECT 1 FROM " + JdbcJobLease.TABLE + " LIMIT 1").close();
            return true;
        } catch (java.sql.SQLException notYet) {
            return false;
        }
    }

    /** A count read straight from a unit's database. */
    long count(String unit, String where, Object... args) {
        SandboxUnit u = sandbox.unit(unit);
        try (Connection c = DriverManager.getConnection(u.jdbcUrl(db), u.dbUser(), u.dbPassword());
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + JdbcTimeoutStore.TABLE + " WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void await(Duration patience, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", patience, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }
}
