package io.unitize.controlcenter.store;

import io.unitize.controlcenter.cutover.RulesLedger;
import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitRules;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rules versions in the control center's database: table {@code rules_version}, one row per version. */
public class JdbcRulesLedger implements RulesLedger {

    private final JdbcTemplate jdbc;

    public JdbcRulesLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<UnitRules> latest() {
        List<String> docs = jdbc.queryForList("SELECT document FROM rules_version ORDER BY version DESC LIMIT 1", String.class);
        return docs.stream().findFirst().map(UnitRules::fromJson);
    }

    public Optional<UnitRules> version(long version) {
        return jdbc.queryForList("SELECT document FROM rules_version WHERE version = ?", String.class, version).stream()
                .findFirst().map(UnitRules::fromJson);
    }

    @Override
    public void append(UnitRules rules, Purpose purpose, String cutoverId) {
        Long latest = jdbc.queryForObject("SELECT MAX(version) FROM rules_version", Long.class);
        if (latest != null && rules.version() != latest + 1) {
            throw new StaleRulesException(rules.version(), latest, " in the control center's store");
        }
        try {
            jdbc.update("INSERT INTO rules_version (version, document, author, reason, purpose, cutover_id, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)", rules.version(), rules.toJson(), rules.author(), rules.reason(),
                    purpose.name(), cutoverId, Instant.now().toEpochMilli());
        } catch (DuplicateKeyException e) {
            throw new StaleRulesException(rules.version(), rules.version(), " in the control center's store (stored meanwhile)");
        }
    }

    @Override
    public Optional<Long> versionFor(String cutoverId, Purpose purpose) {
        return jdbc.queryForList("SELECT version FROM rules_version WHERE cutover_id = ? AND purpose = ? ORDER BY version DESC",
                Long.class, cutoverId, purpose.name()).stream().findFirst();
    }

    /** Newest first. */
    public List<RulesVersionInfo> history(int limit) {
        return jdbc.query("SELECT version, author, reason, purpose, cutover_id, created_at FROM rules_version "
                        + "ORDER BY version DESC LIMIT ?",
                (rs, i) -> new RulesVersionInfo(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), limit);
    }

    /** One row of the history. */
    public record RulesVersionInfo(long version, String author, String reason, String purpose, String cutoverId,
                                   Instant storedAt) {
    }
}
