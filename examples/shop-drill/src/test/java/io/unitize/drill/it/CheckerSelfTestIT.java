package io.unitize.drill.it;

import io.unitize.drill.Checker;
import io.unitize.drill.PlacedOrder;
import io.unitize.drill.RulesTimeline;
import io.unitize.drill.ScenarioResult;
import io.unitize.drill.Verdict;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checker is tested: after a run in which invariants 1 and 2 do not name them, an acknowledged order is
 * removed from the databases, a row of a center buyer is written in unit-b's database and another
 * one updated there, bypassing the guard (plain JDBC), and the checker reports each, naming the row.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
@ExtendWith(DrillExtension.class)
class CheckerSelfTestIT {

    @Test
    void theCheckerReportsARemovedAcknowledgedOrderAndAWriteAndAnUpdateByANonOwnerUnit(UnitSandbox sandbox) throws Exception {
        DrillEnvironment env = DrillEnvironment.shared(sandbox);
        Drill d = new Drill(env, "checker self-test");
        List<Long> buyers = List.of(94_100L, 94_101L, 96_100L, 96_101L); // slots 4100/4101 (center), 6100/6101 (unit-b)
        ScenarioResult clean = d.run(null, 8, buyers, env.endpoints(), env.gateways(), drill -> Thread.sleep(2_000));
        // the two invariants the defects below break must hold before them; the others (4 and 6 fail on a busy machine
        // today, see DrillShortIT.KNOWN_FAILING) are not this test's business
        Map<String, Verdict> before = new java.util.HashMap<>();
        clean.verdicts().forEach(x -> before.put(x.invariant(), x));
        assertThat(before.get(Checker.I2).holds()).as("no non-owner write before the forged one: %s", before.get(Checker.I2)).isTrue();
        PlacedOrder victim = d.lastRun.placed().values().stream().filter(p -> !d.lastRun.cancelAcknowledgedAt().containsKey(p.id()))
                .findFirst().orElseThrow();
        assertThat(before.get(Checker.I1).examples()).as("the order to remove is not reported before it is removed")
                .noneMatch(e -> e.contains("order " + victim.id() + " "));
        PlacedOrder touched = d.lastRun.placed().values().stream().filter(p -> p.id() != victim.id() && Math.floorMod(p.buyer(), 10_000L) < 5_000)
                .findFirst().orElseThrow(); // an order of a center buyer, to be updated in unit-b
        long forged = 8_000_000_000_000L + (System.nanoTime() % 1_000_000);
        var center = sandbox.center();
        var unitB = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(center.jdbcUrl("shop"), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM order_items WHERE order_id = " + victim.id()); // replicated: gone from unit-b too
            s.executeUpdate("DELETE FROM orders WHERE id = " + victim.id());
        }
        try (Connection c = DriverManager.getConnection(unitB.jdbcUrl("shop"), unitB.dbUser(), unitB.dbPassword());
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, buyer_id, status, total_cents, version) VALUES (?, ?, 'PLACED', 1, 1)")) {
            ps.setLong(1, forged);
            ps.setLong(2, 94_100L); // slot 4100: owned by the center, written in unit-b (its trigger stamps unit-b's server id)
            ps.executeUpdate();
        }
        try (Connection c = DriverManager.getConnection(unitB.jdbcUrl("shop"), unitB.dbUser(), unitB.dbPassword());
             PreparedStatement ps = c.prepareStatement("UPDATE orders SET total_cents = total_cents WHERE id = ?")) {
            ps.setLong(1, touched.id()); // a center buyer's order updated in unit-b: its trigger stamps unit-b and the time
            assertThat(ps.executeUpdate()).as("order %s updated in unit-b", touched.id()).isEqualTo(1);
        }
        try {
            Checker quick = new Checker(env.endpoints(), Duration.ofSeconds(5)).ignoreOrphans(d.orphansAtStart);
            Map<String, Verdict> v = new java.util.HashMap<>();
            for (Verdict x : quick.check(d.lastRun, RulesTimeline.fetch(env.api))) {
                v.put(x.invariant(), x);
            }
            assertThat(v.get(Checker.I1).holds()).isFalse();
            assertThat(v.get(Checker.I1).examples()).as("the removed order is named").anyMatch(e -> e.contains("order " + victim.id() + " "));
            assertThat(v.get(Checker.I2).holds()).isFalse();
            assertThat(v.get(Checker.I2).examples()).as("the forged row is named")
                    .anyMatch(e -> e.contains("order " + forged + " of buyer 94100 written by unit-b") && e.contains("owner then center"));
            assertThat(v.get(Checker.I2).examples()).as("the forged update is named")
                    .anyMatch(e -> e.contains("order " + touched.id() + " of buyer " + touched.buyer() + " updated by unit-b")
                            && e.contains("owner then center"));
        } finally {
            // leave nothing behind for the next scenario of this JVM (its stock-leak check is global)
            try (Connection c = DriverManager.getConnection(center.jdbcUrl("shop"), center.dbUser(), center.dbPassword());
                 Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM orders WHERE id = " + forged);
                s.executeUpdate("UPDATE stock_reservation SET state = 'RELEASED' WHERE order_id = " + victim.id());
            }
        }
    }
}
