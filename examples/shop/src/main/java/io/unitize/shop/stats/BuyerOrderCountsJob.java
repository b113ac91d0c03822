package io.unitize.shop.stats;

import io.unitize.core.SlotRange;
import io.unitize.db.WriteHint;
import io.unitize.jobs.JobContext;
import io.unitize.jobs.JobMode;
import io.unitize.jobs.UnitJob;
import io.unitize.shop.jdbc.PlainJdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A UNIT job: every {@code shop.stats.every} (default 30 s), in every unit, recomputes
 * {@code buyer_order_counts} (orders, cancelled) for the buyers of the slot ranges this unit owns now,
 * frozen slots left out ({@link JobContext#ranges()}). {@code orders} replicates both ways, so each
 * unit holds every buyer's orders; the ranges are what keep a unit to its own buyers. Each row says
 * which unit computed it under which rules, and goes through the write guard (a unit table), so a
 * row of a buyer this unit does not own could not be written anyway.
 */
@Component
@EnableScheduling
public class BuyerOrderCountsJob {

    public static final String NAME = "buyer-order-counts";
    private static final Logger log = LoggerFactory.getLogger(BuyerOrderCountsJob.class);

    /** floorMod of the buyer, as the rules' MOD transform. */
    static final String COUNT = "SELECT buyer_id, COUNT(*), SUM(status = 'CANCELLED') FROM orders"
            + " WHERE MOD(MOD(buyer_id, ?) + ?, ?) BETWEEN ? AND ? GROUP BY buyer_id";
    static final String UPSERT = "INSERT INTO buyer_order_counts (buyer_id, orders, cancelled, computed_by_unit, rules_version, fencing)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE orders = VALUES(orders), cancelled = VALUES(cancelled),"
            + " computed_by_unit = VALUES(computed_by_unit), rules_version = VALUES(rules_version), fencing = VALUES(fencing)";

    private final DataSource reads;
    private final DataSource guarded;

    /** Reads through the plain pool (a scan, no write); writes through the guarded application DataSource. */
    public BuyerOrderCountsJob(PlainJdbc plain, DataSource guarded) {
        this.reads = plain.dataSource();
        this.guarded = guarded;
    }

    /** One buyer's counts. */
    record Counts(long buyerId, long orders, long cancelled) {
    }

    @UnitJob(name = NAME, mode = JobMode.UNIT)
    @Scheduled(initialDelayString = "${shop.stats.every:30s}", fixedDelayString = "${shop.stats.every:30s}")
    public void recompute() throws SQLException {
        JobContext ctx = JobContext.current().orElseThrow();
        int buyers = 0;
        for (SlotRange r : ctx.ranges()) {
            for (Counts c : scan(ctx.slotCount(), r)) {
                write(c, ctx);
                buyers++;
            }
        }
        log.debug("{} in {}: {} buyers of ranges {} (rules v{}, skipped frozen {})", NAME, ctx.unit(), buyers, ctx.ranges(),
                ctx.rulesVersion(), ctx.frozenSkipped());
    }

    private List<Counts> scan(int slotCount, SlotRange r) throws SQLException {
        List<Counts> out = new ArrayList<>();
        try (Connection c = reads.getConnection(); PreparedStatement ps = c.prepareStatement(COUNT)) {
            ps.setInt(1, slotCount);
            ps.setInt(2, slotCount);
            ps.setInt(3, slotCount);
            ps.setInt(4, r.from());
            ps.setInt(5, r.to());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    private void write(Counts counts, JobContext ctx) throws SQLException {
        try (WriteHint.Scope hint = WriteHint.buyer(counts.buyerId()); Connection c = guarded.getConnection();
             PreparedStatement up = c.prepareStatement(UPSERT)) {
            up.setLong(1, counts.buyerId());
            up.setLong(2, counts.orders());
            up.setLong(3, counts.cancelled());
            up.setString(4, ctx.unit());
            up.setLong(5, ctx.rulesVersion());
            up.setLong(6, ctx.fencingToken());
            up.executeUpdate();
        }
    }
}
