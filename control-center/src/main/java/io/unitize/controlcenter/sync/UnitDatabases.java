package io.unitize.controlcenter.sync;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.UnitizeException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small connection pool per unit database (MariaDB/MySQL), where the sync markers are written
 * and looked for. The marker table lives in its own schema ({@code unitize_sync} by default), which
 * the replication carries like any other.
 */
public class UnitDatabases implements AutoCloseable {

    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();
    private final Set<String> schemaReady = ConcurrentHashMap.newKeySet();
    private final String schema;

    public UnitDatabases(Map<String, Endpoint> units, String schema) {
        this.schema = schema;
        units.forEach((unit, c) -> {
            HikariConfig cfg = new HikariConfig();
            cfg.setPoolName("unitize-sync-" + unit);
            cfg.setJdbcUrl(c.jdbcUrl());
            cfg.setUsername(c.user());
            cfg.setPassword(c.password());
            cfg.setMaximumPoolSize(2);
            cfg.setMinimumIdle(0);
            cfg.setConnectionTimeout(2000);
            cfg.setInitializationFailTimeout(-1);
            pools.put(unit, new HikariDataSource(cfg));
        });
    }

    public String schema() {
        return schema;
    }

    public String markerTable() {
        return schema + ".sync_marker";
    }

    /** A connection to {@code unit}'s database, with the marker table in place. */
    public Connection connect(String unit) throws SQLException {
        DataSource ds = pools.get(unit);
        if (ds == null) {
            throw new UnitizeException("unit " + unit + " has no database configured (unitize.control-center.units."
                    + unit + ".jdbc-url)");
        }
        Connection c = ds.getConnection();
        if (!schemaReady.contains(unit)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE IF NOT EXISTS " + schema);
                st.execute("CREATE TABLE IF NOT EXISTS " + markerTable() + " (id VARCHAR(128) NOT NULL PRIMARY KEY, "
                        + "source_unit VARCHAR(32) NOT NULL, written_at BIGINT NOT NULL)");
                schemaReady.add(unit);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    public boolean has(String unit) {
        return pools.containsKey(unit);
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
    }

    /** Where a unit's database is. */
    public record Endpoint(String jdbcUrl, String user, String password) {
    }
}
