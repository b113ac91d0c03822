package io.unitize.controlcenter.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * Child JVM of {@link EmbeddedStoreKillIT}: commits rows one by one (auto-commit, as the control
 * center's JDBC writes do) into the store at args[0] and prints "committed N" after each commit
 * returned, until it is killed.
 */
public final class StoreWriterMain {

    public static void main(String[] args) throws Exception {
        SyncWriteFilePath.register();
        try (Connection c = DriverManager.getConnection(args[0], "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS acked (id BIGINT NOT NULL PRIMARY KEY, payload VARCHAR(200))");
            long next = 1;
            try (var rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) + 1 FROM acked")) {
                rs.next();
                next = rs.getLong(1);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO acked (id, payload) VALUES (?, ?)")) {
                for (long id = next; ; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "acknowledged row " + id);
                    insert.executeUpdate();
                    System.out.println("committed " + id);
                    System.out.flush();
                }
            }
        }
    }
}
