package io.unitize.controlcenter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.unitize.controlcenter.grey.GreyPlan;
import io.unitize.controlcenter.grey.GreyPlanRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Grey plans in table {@code grey_plan} (db/migration V3): status as a column, the rest as a JSON document. */
public class JdbcGreyPlanRepository implements GreyPlanRepository {

    private final JdbcTemplate jdbc;

    public JdbcGreyPlanRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(GreyPlan p) {
        String state = write(p);
        long now = Instant.now().toEpochMilli();
        int updated = jdbc.update("UPDATE grey_plan SET status = ?, state = ?, updated_at = ? WHERE id = ?", p.status().name(),
                state, now, p.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO grey_plan (id, operator, status, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    p.id(), p.operator(), p.status().name(), state, p.createdAt().toEpochMilli(), now);
        }
    }

    @Override
    public Optional<GreyPlan> find(String id) {
        return jdbc.queryForList("SELECT state FROM grey_plan WHERE id = ?", String.class, id).stream().findFirst().map(this::read);
    }

    @Override
    public List<GreyPlan> unfinished() {
        return jdbc.queryForList("SELECT state FROM grey_plan WHERE status IN ('RUNNING', 'AWAITING_APPROVAL', 'ROLLING_BACK') "
                + "ORDER BY created_at", String.class).stream().map(this::read).toList();
    }

    @Override
    public List<GreyPlan> recent(int limit) {
        return jdbc.queryForList("SELECT state FROM grey_plan ORDER BY created_at DESC LIMIT ?", String.class, limit).stream()
                .map(this::read).toList();
    }

    private String write(GreyPlan p) {
        try {
            return StoreJson.MAPPER.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write grey plan " + p.id() + " as JSON", e);
        }
    }

    private GreyPlan read(String json) {
        try {
            return StoreJson.MAPPER.readValue(json, GreyPlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("UNITIZE-CC-002 a stored grey plan cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
