package io.unitize.controlcenter.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.unitize.controlcenter.cutover.Cutover;
import io.unitize.controlcenter.cutover.CutoverRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Cutover state in table {@code cutover}: status and step as columns, the rest as a JSON document. */
public class JdbcCutoverRepository implements CutoverRepository {

    private final JdbcTemplate jdbc;

    public JdbcCutoverRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Cutover c) {
        String state = write(c);
        long now = Instant.now().toEpochMilli();
        boolean replayPending = !c.replaysPending().isEmpty();
        int updated = jdbc.update("UPDATE cutover SET status = ?, step = ?, state = ?, replay_pending = ?, updated_at = ? WHERE id = ?",
                c.status().name(), c.step().name(), state, replayPending, now, c.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO cutover (id, operator, status, step, state, replay_pending, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    c.id(), c.operator(), c.status().name(), c.step().name(), state, replayPending, c.createdAt().toEpochMilli(), now);
        }
    }

    @Override
    public Optional<Cutover> find(String id) {
        return jdbc.queryForList("SELECT state FROM cutover WHERE id = ?", String.class, id).stream().findFirst().map(this::read);
    }

    @Override
    public List<Cutover> unfinished() {
        return jdbc.queryForList("SELECT state FROM cutover WHERE status IN ('RUNNING', 'ROLLING_BACK') ORDER BY created_at",
                String.class).stream().map(this::read).toList();
    }

    @Override
    public List<Cutover> replaysPending() {
        return jdbc.queryForList("SELECT state FROM cutover WHERE replay_pending ORDER BY created_at", String.class).stream()
                .map(this::read).toList();
    }

    @Override
    public List<Cutover> recent(int limit) {
        return jdbc.queryForList("SELECT state FROM cutover ORDER BY created_at DESC LIMIT ?", String.class, limit).stream()
                .map(this::read).toList();
    }

    private String write(Cutover c) {
        try {
            return StoreJson.MAPPER.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write cutover " + c.id() + " as JSON", e);
        }
    }

    private Cutover read(String json) {
        try {
            return StoreJson.MAPPER.readValue(json, Cutover.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("UNITIZE-CC-002 a stored cutover cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
