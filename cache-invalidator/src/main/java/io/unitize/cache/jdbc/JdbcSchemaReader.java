package io.unitize.cache.jdbc;

import io.unitize.cache.InvalidatorConfigException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads what the invalidator needs to know about its unit's database: the columns of a schema's tables and the server id. */
public final class JdbcSchemaReader {

    /** @param columnsByTable lower-case table -> lower-case columns; serverId the database's {@code @@server_id} */
    public record DatabaseFacts(Map<String, Set<String>> columnsByTable, long serverId) {
    }

    private JdbcSchemaReader() {
    }

    public static DatabaseFacts read(String jdbcUrl, String user, String password, String schema) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            Map<String, Set<String>> tables = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.computeIfAbsent(rs.getString(1).toLowerCase(Locale.ROOT), t -> new TreeSet<>())
                                .add(rs.getString(2).toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (tables.isEmpty()) {
                throw new InvalidatorConfigException("schema '" + schema + "' at " + jdbcUrl + " has no tables (or does not exist)");
            }
            long serverId;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@server_id")) {
                rs.next();
                serverId = rs.getLong(1);
            }
            return new DatabaseFacts(tables, serverId);
        } catch (SQLException e) {
            throw new InvalidatorConfigException("cannot read the schema '" + schema + "' at " + jdbcUrl + ": " + e.getMessage());
        }
    }
}
