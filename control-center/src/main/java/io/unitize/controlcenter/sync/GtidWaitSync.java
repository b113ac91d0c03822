package io.unitize.controlcenter.sync;

import io.unitize.controlcenter.cutover.SyncConfirmation;
import io.unitize.controlcenter.cutover.SyncMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * MariaDB native replication: writes the marker row in the source, takes that transaction's GTID
 * ({@code @@last_gtid}) as the token, and asks the target whether it has applied it with
 * {@code MASTER_GTID_WAIT(gtid, timeout)}.
 */
public class GtidWaitSync implements SyncConfirmation {

    private static final double WAIT_SECONDS_PER_CHECK = 0.2;

    private final UnitDatabases databases;

    public GtidWaitSync(UnitDatabases databases) {
        this.databases = databases;
    }

    @Override
    public SyncMode mode() {
        return SyncMode.GTID;
    }

    @Override
    public String mark(String markerId, String sourceUnit) throws Exception {
        try (Connection c = databases.connect(sourceUnit)) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("REPLACE INTO " + databases.markerTable()
                    + " (id, source_unit, written_at) VALUES (?, ?, ?)")) {
                ps.setString(1, markerId);
                ps.setString(2, sourceUnit);
                ps.setLong(3, System.currentTimeMillis());
                ps.executeUpdate();
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@last_gtid")) {
                rs.next();
                String gtid = rs.getString(1);
                if (gtid == null || gtid.isBlank()) {
                    throw new IllegalStateException("unit " + sourceUnit + "'s database reports no GTID for the marker: "
                            + "is it MariaDB with the binary log on?");
                }
                return gtid;
            }
        }
    }

    @Override
    public boolean arrived(String token, String sourceUnit, String targetUnit) throws Exception {
        try (Connection c = databases.connect(targetUnit);
             PreparedStatement ps = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            ps.setString(1, token);
            ps.setDouble(2, WAIT_SECONDS_PER_CHECK);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 0;
            }
        }
    }
}
