package io.unitize.controlcenter.integrity.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.unitize.controlcenter.integrity.datacheck.DataCheck;
import io.unitize.controlcenter.integrity.datacheck.DataCheckRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Data checks in table {@code data_check} (db/migration V2__integrity): status and cutover as columns, the check as JSON. */
public class JdbcDataCheckRepository implements DataCheckRepository {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JdbcTemplate jdbc;

    public JdbcDataCheckRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(DataCheck c) {
        String state;
        try {
            state = MAPPER.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write data check " + c.id() + " as JSON", e);
        }
        long now = Instant.now().toEpochMilli();
        int updated = jdbc.update("UPDATE data_check SET status = ?, state = ?, updated_at = ? WHERE id = ?",
                c.status().name(), state, now, c.id());
        if (updated == 0) {
            jdbc.update("INSERT INTO data_check (id, cutover_id, status, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                    c.id(), c.cutoverId(), c.status().name(), state, c.startedAt().toEpochMilli(), now);
        }
    }

    @Override
    public Optional<DataCheck> find(String id) {
        return jdbc.queryForList("SELECT state FROM data_check WHERE id = ?", String.class, id).stream().findFirst().map(this::read);
    }

    @Override
    public List<DataCheck> recent(int limit) {
        return jdbc.queryForList("SELECT state FROM data_check ORDER BY created_at DESC LIMIT ?", String.class, limit).stream()
                .map(this::read).toList();
    }

    @Override
    public List<DataCheck> ofCutover(String cutoverId) {
        return jdbc.queryForList("SELECT state FROM data_check WHERE cutover_id = ? ORDER BY created_at", String.class, cutoverId)
                .stream().map(this::read).toList();
    }

    @Override
    public List<DataCheck> running() {
        return jdbc.queryForList("SELECT state FROM data_check WHERE status = 'RUNNING'", String.class).stream().map(this::read).toList();
    }

    private DataCheck read(String json) {
        try {
            return MAPPER.readValue(json, DataCheck.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("UNITIZE-CC-002 a stored data check cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
