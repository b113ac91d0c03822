package io.unitize.controlcenter.integrity.store;

import io.unitize.controlcenter.integrity.misroute.RulesTimeline;
import io.unitize.core.UnitRules;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.function.LongFunction;

/**
 * The rules history for the mis-route audit, read from the store's {@code rules_version} (each
 * version in force from its {@code created_at}); only versions newer than the last one read are
 * fetched, at most every {@code refreshMillis}, and always when the caller needs the history up to a
 * time after the last read (a write committed after it must not be judged by an older history).
 */
public class JdbcRulesTimeline implements LongFunction<RulesTimeline> {

    private static final int KEEP = 500;

    private final JdbcTemplate jdbc;
    private final long refreshMillis;
    private RulesTimeline timeline = RulesTimeline.empty();
    private long readAt;

    public JdbcRulesTimeline(JdbcTemplate jdbc, long refreshMillis) {
        this.jdbc = jdbc;
        this.refreshMillis = refreshMillis;
    }

    @Override
    public synchronized RulesTimeline apply(long untilMillis) {
        long now = System.currentTimeMillis();
        if (now - readAt >= refreshMillis || timeline.isEmpty() || untilMillis >= readAt) {
            List<RulesTimeline.Entry> newer = jdbc.query("SELECT document, created_at FROM rules_version WHERE version > ? "
                            + "ORDER BY version DESC LIMIT " + KEEP,
                    (rs, n) -> new RulesTimeline.Entry(UnitRules.fromJson(rs.getString(1)).compile(), rs.getLong(2)),
                    timeline.latestVersion());
            if (!newer.isEmpty()) {
                timeline = timeline.with(newer, KEEP);
            }
            readAt = now;
        }
        return timeline;
    }
}
