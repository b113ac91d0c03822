package io.unitize.controlcenter.store;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

/** Every mutation an operator made: who, when, what, on what, and the request's gist. */
public class AuditLog {

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The longest detail kept: a refused request is recorded by its refusal and gist, never whole. */
    public static final int MAX_DETAIL_LENGTH = 2000;

    public void record(String operator, String action, String target, String outcome, String detail) {
        jdbc.update("INSERT INTO audit_event (at, operator, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)",
                Instant.now().toEpochMilli(), cut(operator, 128), cut(action, 64), cut(target, 128), cut(outcome, 32),
                cut(detail, MAX_DETAIL_LENGTH));
    }

    /** {@code s} within the column's {@code max} characters, saying how much was left out. */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        String more = "… (" + (s.length() - max) + " more characters)";
        return max > more.length() * 2 ? s.substring(0, max - more.length()) + more : s.substring(0, max);
    }

    /** Newest first. */
    public List<AuditEvent> recent(int limit) {
        return jdbc.query("SELECT id, at, operator, action, target, outcome, detail FROM audit_event ORDER BY id DESC LIMIT ?",
                (rs, i) -> new AuditEvent(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7)), limit);
    }

    public record AuditEvent(long id, Instant at, String operator, String action, String target, String outcome,
                             String detail) {
    }
}
