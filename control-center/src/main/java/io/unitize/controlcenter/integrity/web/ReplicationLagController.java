package io.unitize.controlcenter.integrity.web;

import io.unitize.controlcenter.integrity.config.IntegrityProperties;
import io.unitize.controlcenter.integrity.lag.HeartbeatMonitor;
import io.unitize.controlcenter.integrity.lag.ReplicationLag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/v1/replication/lag}: the lag of every direction as the heartbeat last measured it. */
@RestController
@RequestMapping("/api/v1/replication")
public class ReplicationLagController {

    private final HeartbeatMonitor monitor;
    private final IntegrityProperties properties;

    public ReplicationLagController(HeartbeatMonitor monitor, IntegrityProperties properties) {
        this.monitor = monitor;
        this.properties = properties;
    }

    @GetMapping("/lag")
    public LagView lag() {
        long max = properties.getHeartbeat().getMaxLag().toMillis();
        return new LagView(properties.getHeartbeat().isEnabled(), properties.getHeartbeat().getInterval().toMillis(), max,
                monitor.lags().stream().map(l -> Direction.of(l, max)).toList());
    }

    public record LagView(boolean enabled, long intervalMillis, long maxLagMillis, List<Direction> directions) {
    }

    /** {@code overBound}: a cutover from source to target is refused now. */
    public record Direction(String source, String target, Long lagMillis, boolean overBound, long latestHeartbeat,
                            long seenHeartbeat, String measuredAt, String error) {

        static Direction of(ReplicationLag l, long max) {
            return new Direction(l.source(), l.target(), l.lagMillis(), l.exceeds(max), l.latestSeq(), l.seenSeq(),
                    l.measuredAt() == null ? null : l.measuredAt().toString(), l.error());
        }
    }
}
