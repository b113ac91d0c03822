package io.unitize.controlcenter.sync;

import io.unitize.controlcenter.cutover.SyncConfirmation;
import io.unitize.controlcenter.cutover.SyncMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Writes a marker row in the source unit's database and waits until the row is in the target's.
 * Works with any replication that carries the marker schema in commit order.
 */
public class MarkerRowSync implements SyncConfirmation {

    private final UnitDatabases databases;

    public MarkerRowSync(UnitDatabases databases) {
        this.databases = databases;
    }

    @Override
    public SyncMode mode() {
        return SyncMode.MARKER;
    }

    @Override
    public String mark(String markerId, String sourceUnit) throws Exception {
        insert(databases, markerId, sourceUnit);
        return markerId;
    }

    static void insert(UnitDatabases databases, String markerId, String sourceUnit) throws Exception {
        try (Connection c = databases.connect(sourceUnit);
             PreparedStatement ps = c.prepareStatement("INSERT IGNORE INTO " + databases.markerTable()
                     + " (id, source_unit, written_at) VALUES (?, ?, ?)")) {
            ps.setString(1, markerId);
            ps.setString(2, sourceUnit);
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
    }

    @Override
    public boolean arrived(String token, String sourceUnit, String targetUnit) throws Exception {
        try (Connection c = databases.connect(targetUnit);
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + databases.markerTable() + " WHERE id = ?")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
