package io.unitize.controlcenter.integrity.lag;

import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The heartbeat's lag arithmetic on two in-memory databases; "replication" is a copy of the row done by the test. */
class HeartbeatMonitorTest {

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };
    private final String run = UUID.randomUUID().toString().replace("-", "");
    private final List<Connection> keepAlive = new ArrayList<>();
    private final List<ReplicationLag> heard = new ArrayList<>();

    private String url(String unit) {
        return "jdbc:h2:mem:hb_" + run + "_" + unit.replace('-', '_') + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE";
    }

    @BeforeEach
    void databases() throws SQLException {
        for (String u : List.of("center", "unit-b")) {
            Connection c = DriverManager.getConnection(url(u));
            keepAlive.add(c);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS unitize_sync");
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection c : keepAlive) {
            c.close();
        }
    }

    private HeartbeatMonitor monitor() {
        return new HeartbeatMonitor(List.of("center", "unit-b"), u -> DriverManager.getConnection(url(u)),
                new HeartbeatTable("unitize_sync"), clock, heard::add);
    }

    /** Copies {@code unit}'s heartbeat row from its database to {@code to}'s, as replication would. */
    private void replicate(String unit, String to) throws SQLException {
        long seq;
        long at;
        try (Connection c = DriverManager.getConnection(url(unit)); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT seq, written_at FROM unitize_sync.heartbeat WHERE unit = '" + unit + "'")) {
            rs.next();
            seq = rs.getLong(1);
            at = rs.getLong(2);
        }
        try (Connection c = DriverManager.getConnection(url(to))) {
            new HeartbeatTable("unitize_sync").write(c, unit, seq, at);
        }
    }

    @Test
    void lagIsHowLongTheOldestUnseenHeartbeatHasWaited() throws Exception {
        HeartbeatMonitor m = monitor();
        assertThat(m.lag("center", "unit-b").orElseThrow().lagMillis()).as("nothing measured yet").isNull();

        m.tick();
        assertThat(m.lag("center", "unit-b").orElseThrow().lagMillis()).isZero();
        assertThat(m.lag("center", "unit-b").orElseThrow().seenSeq()).isEqualTo(-1);

        now.addAndGet(3000);
        m.tick(); // heartbeat 2 written; unit-b has still none: heartbeat 1 has waited 3 s
        ReplicationLag behind = m.lag("center", "unit-b").orElseThrow();
        assertThat(behind.lagMillis()).isEqualTo(3000);
        assertThat(behind.latestSeq()).isEqualTo(2);
        assertThat(behind.exceeds(2000)).isTrue();

        replicate("center", "unit-b");
        now.addAndGet(1000);
        m.tick(); // heartbeat 3 written now, unit-b has 2: the oldest unseen (3) has waited 0 ms
        assertThat(m.lag("center", "unit-b").orElseThrow().lagMillis()).isZero();
        assertThat(m.lag("center", "unit-b").orElseThrow().seenSeq()).isEqualTo(2);
        replicate("center", "unit-b");
        now.addAndGet(700);
        m.tick(); // 4 written; unit-b has 3 -> 0
        now.addAndGet(700);
        m.tick(); // 5 written; unit-b still has 3 -> heartbeat 4 has waited 700 ms
        assertThat(m.lag("center", "unit-b").orElseThrow().lagMillis()).isEqualTo(700);
        assertThat(heard).extracting(ReplicationLag::direction).contains("center->unit-b", "unit-b->center");
    }

    @Test
    void theSequenceContinuesAfterARestart() throws Exception {
        HeartbeatMonitor first = monitor();
        first.tick();
        first.tick();
        HeartbeatMonitor second = monitor();
        second.tick();
        assertThat(second.lag("center", "unit-b").orElseThrow().latestSeq()).isEqualTo(3);
    }

    @Test
    void anUnreachableTargetKeepsTheLastLagAndSaysWhy() throws Exception {
        HeartbeatMonitor m = new HeartbeatMonitor(List.of("center", "unit-b"), u -> {
            if (u.equals("unit-b")) {
                throw new SQLException("connection refused");
            }
            return DriverManager.getConnection(url(u));
        }, new HeartbeatTable("unitize_sync"), clock, heard::add);
        m.tick();
        ReplicationLag lag = m.lag("center", "unit-b").orElseThrow();
        assertThat(lag.lagMillis()).isNull();
        assertThat(lag.error()).contains("unit unit-b's database not read").contains("connection refused");
        assertThat(m.lag("unit-b", "center").orElseThrow().error()).contains("heartbeat not written in unit-b");
    }

    @Test
    void theGateRefusesALagOverTheBoundWithBothInTheMessage() {
        ReplicationLag slow = new ReplicationLag("center", "unit-b", 7000L, 20, 6, Instant.EPOCH, null);
        LagGate gate = new LagGate((s, t) -> java.util.Optional.of(slow), 5000);
        List<SlotMove> moves = List.of(new SlotMove(SlotRange.of(2000, 2999), "center", "unit-b"));

        assertThatThrownBy(() -> gate.check(moves, Set.of())).isInstanceOf(ReplicationLagException.class)
                .hasMessageContaining("replication lag center->unit-b 7000 ms").hasMessageContaining("bound of 5000 ms")
                .satisfies(e -> assertThat(((ReplicationLagException) e).lag()).isEqualTo(slow));
        gate.check(moves, Set.of("center")); // data loss of center accepted: not checked
        new LagGate((s, t) -> java.util.Optional.of(new ReplicationLag("center", "unit-b", null, 0, -1, null, null)), 5000)
                .check(moves, Set.of()); // not measured yet: let through
        new LagGate((s, t) -> java.util.Optional.of(new ReplicationLag("center", "unit-b", 5000L, 2, 1, Instant.EPOCH, null)),
                5000).check(moves, Set.of()); // at the bound: let through
    }
}
