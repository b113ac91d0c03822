package io.unitize.id;

import io.unitize.sandbox.SandboxUnit;
import org.mariadb.jdbc.MariaDbDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A test's own schema in a sandbox unit's MariaDB, created if missing (schemas replicate both ways). */
public final class UnitDatabase {

    private UnitDatabase() {
    }

    public static MariaDbDataSource dataSource(SandboxUnit unit, String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl(""), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + schema);
        }
        MariaDbDataSource ds = new MariaDbDataSource(unit.jdbcUrl(schema));
        ds.setUser(unit.dbUser());
        ds.setPassword(unit.dbPassword());
        return ds;
    }
}
