package io.unitize.controlcenter.integrity.store;

import io.unitize.controlcenter.integrity.misroute.MisrouteLog;
import io.unitize.controlcenter.integrity.misroute.MisrouteWrite;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/** Misroutes in table {@code misroute_write} (db/migration V2__integrity). */
public class JdbcMisrouteLog implements MisrouteLog {

    private final JdbcTemplate jdbc;

    public JdbcMisrouteLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(MisrouteWrite w) {
        String key = w.key() == null || w.key().length() <= 256 ? w.key() : w.key().substring(0, 256);
        jdbc.update("INSERT INTO misroute_write (detected_at, writing_unit, server_id, table_name, row_key, buyer_id, slot, owner_unit, "
                        + "rules_version, kind, change_type, committed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                w.detectedAt().toEpochMilli(), w.writingUnit(), w.serverId(), w.table(), key, w.buyerId(), w.slot(), w.ownerUnit(),
                w.rulesVersion(), w.kind().name(), w.type(), w.committedAt().toEpochMilli());
    }

    @Override
    public List<MisrouteWrite> recent(int limit) {
        return jdbc.query("SELECT * FROM misroute_write ORDER BY id DESC LIMIT ?", (rs, n) -> new MisrouteWrite(
                Instant.ofEpochMilli(rs.getLong("detected_at")), rs.getString("writing_unit"), rs.getLong("server_id"),
                rs.getString("table_name"), rs.getString("row_key"), rs.getLong("buyer_id"), rs.getInt("slot"),
                rs.getString("owner_unit"), rs.getLong("rules_version"), MisrouteWrite.Kind.valueOf(rs.getString("kind")),
                rs.getString("change_type"), Instant.ofEpochMilli(rs.getLong("committed_at"))), limit);
    }
}
