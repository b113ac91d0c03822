package io.unitize.jobs.spring;

import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.jobs.timeout.CancelOutcome;
import io.unitize.jobs.timeout.InvalidTimeoutTaskException;
import io.unitize.jobs.timeout.TimeoutCenter;
import io.unitize.jobs.timeout.TimeoutTaskView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /unitize/timeouts/{buyerId}}, {@code GET} and {@code DELETE /unitize/timeouts/{buyerId}/{key}}:
 * the timeout center's tasks of a buyer, as this unit's database holds them, and their cancellation
 * (in the buyer's home unit only). Served only with {@code unitize.jobs.timeout.http-enabled=true};
 * it is an operator endpoint: put it behind the application's security.
 */
@RestController
public class TimeoutTasksController {

    private final TimeoutCenter center;

    public TimeoutTasksController(TimeoutCenter center) {
        this.center = center;
    }

    @GetMapping("/unitize/timeouts/{buyerId}")
    public List<Map<String, Object>> list(@PathVariable long buyerId, @RequestParam(defaultValue = "100") int limit) {
        return center.list(buyerId, limit).stream().map(TimeoutTasksController::json).toList();
    }

    @GetMapping("/unitize/timeouts/{buyerId}/{key}")
    public ResponseEntity<Map<String, Object>> get(@PathVariable long buyerId, @PathVariable String key) {
        return center.find(buyerId, key).map(v -> ResponseEntity.ok(json(v))).orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "not-found", "message", "buyer " + buyerId + " has no task '" + key + "' in this unit's database")));
    }

    @DeleteMapping("/unitize/timeouts/{buyerId}/{key}")
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable long buyerId, @PathVariable String key) {
        CancelOutcome outcome = center.cancel(buyerId, key);
        HttpStatus status = switch (outcome) {
            case CANCELLED, ALREADY_CANCELLED -> HttpStatus.OK;
            case TOO_LATE -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        return ResponseEntity.status(status).body(Map.of("outcome", outcome.name()));
    }

    static Map<String, Object> json(TimeoutTaskView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("buyerId", v.task().buyerId());
        m.put("key", v.task().key());
        m.put("callback", v.task().callback());
        m.put("dueAt", v.task().dueAt().toString());
        m.put("payload", v.task().payload());
        m.put("state", v.state().name());
        m.put("attempts", v.attempts());
        m.put("firedAt", v.firedAt() == null ? null : v.firedAt().toString());
        m.put("firedUnit", v.firedUnit());
        m.put("lastError", v.lastError());
        return m;
    }

    @ExceptionHandler(UnitMisrouteException.class)
    ResponseEntity<Map<String, Object>> misrouted(UnitMisrouteException e) {
        return ResponseEntity.status(421).body(Map.of("error", "not-home-unit", "message", e.getMessage()));
    }

    @ExceptionHandler(UnitWriteFrozenException.class)
    ResponseEntity<Map<String, Object>> frozen(UnitWriteFrozenException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "1")
                .body(Map.of("error", "frozen", "message", e.getMessage()));
    }

    @ExceptionHandler(InvalidTimeoutTaskException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidTimeoutTaskException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid", "field", e.field(), "message", e.getMessage()));
    }
}
