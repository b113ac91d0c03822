package io.unitize.shop.inventory;

import io.unitize.shop.jdbc.PlainJdbc;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The center's reservation sweeper ({@link ReservationSweep} every {@code shop.inventory.sweep-interval},
 * default 30 s; grace {@code shop.inventory.sweep-grace}, default 2 min). Reads with the plain pool
 * (the center's tables and its replicated copy of every unit's {@code orders}, and replication
 * status); releases through {@link InventoryServiceImpl#release}, the guarded, idempotent path.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "unitize.unit", havingValue = "center")
public class ReservationSweeper implements ReservationSweep.Reservations {

    static final String ORPHANED = "SELECT r.order_id FROM stock_reservation r LEFT JOIN orders o ON o.id = r.order_id"
            + " WHERE r.state = 'RESERVED' AND r.reserved_at < NOW(3) - INTERVAL ? SECOND"
            + " AND (o.id IS NULL OR o.status = 'CANCELLED') ORDER BY r.reserved_at LIMIT ?";

    private final DataSource plain;
    private final ReservationSweep sweep;

    public ReservationSweeper(PlainJdbc plain, InventoryServiceImpl inventory,
                              @Value("${shop.inventory.sweep-grace:2m}") Duration grace) {
        this.plain = plain.dataSource();
        this.sweep = new ReservationSweep(this, inventory::release, grace, 100);
    }

    @Scheduled(initialDelayString = "${shop.inventory.sweep-interval:30s}", fixedDelayString = "${shop.inventory.sweep-interval:30s}")
    public void sweep() {
        sweep.runOnce();
    }

    @Override
    public List<Long> orphaned(Duration grace, int limit) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = plain.getConnection(); PreparedStatement q = c.prepareStatement(ORPHANED)) {
            q.setLong(1, Math.max(1, grace.toSeconds()));
            q.setInt(2, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    @Override
    public String replicationProblem(Duration grace) throws SQLException {
        try (Connection c = plain.getConnection(); PreparedStatement q = c.prepareStatement("SHOW ALL SLAVES STATUS");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString("Connection_name");
                long behind = rs.getLong("Seconds_Behind_Master");
                boolean unknown = rs.wasNull();
                if (!"Yes".equals(rs.getString("Slave_IO_Running")) || !"Yes".equals(rs.getString("Slave_SQL_Running")) || unknown) {
                    return "replication connection '" + name + "' is not running";
                }
                if (behind * 2 > grace.toSeconds()) {
                    return "replication connection '" + name + "' is " + behind + " s behind (grace " + grace.toSeconds() + " s)";
                }
            }
        } catch (SQLException e) {
            return "replication status unreadable (" + e.getMessage() + ")";
        }
        return null;
    }
}
