package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.integrity.lag.ReplicationLag;
import io.unitize.controlcenter.integrity.misroute.MisrouteWrite;
import io.unitize.core.SlotMove;
import io.unitize.core.SlotRange;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The wave split and the SOAK and REPLICATION_LAG gates on fakes (the DATA_CHECK gate against MariaDB: GreyCutoverIT). */
class GreyGatesTest {

    private static final Instant SWITCHED = Instant.now().minusSeconds(60);

    private static GreyPlan plan(GateSettings gates) {
        GreyPlan p = new GreyPlan("g-1", "alice", new GreyPlanRequest(100, 399, "unit-b", "r", null, 3, gates, null),
                List.of(SlotRange.of(100, 199), SlotRange.of(200, 299), SlotRange.of(300, 399)), gates, SWITCHED);
        p.waves().get(0).status(WaveStatus.PASSED);
        Wave w = p.waves().get(1);
        w.switched(List.of(new SlotMove(SlotRange.of(200, 299), "center", "unit-b")), SWITCHED);
        return p;
    }

    private static GateContext ctx(GreyPlan p, Duration left) {
        return new GateContext(p, p.waves().get(1), Instant.now().plus(left), Clock.systemUTC(), Duration.ofMillis(1), () -> false);
    }

    private static MisrouteWrite write(int slot, Instant at) {
        return new MisrouteWrite(at, "center", 1, "shop.orders", "7", 1_000_000_000L + slot, slot, "unit-b", 3,
                MisrouteWrite.Kind.NOT_OWNER, "INSERT", at);
    }

    @Test
    void splitIntoNGivesNearlyEqualContiguousWaves() {
        assertThat(WaveSplitter.waves(new GreyPlanRequest(0, 9, "u", "r", null, 3, null, null), 10_000))
                .containsExactly(SlotRange.of(0, 3), SlotRange.of(4, 6), SlotRange.of(7, 9));
        assertThat(WaveSplitter.waves(new GreyPlanRequest(5, 5, "u", "r", null, 1, null, null), 10_000))
                .containsExactly(SlotRange.of(5, 5));
    }

    @Test
    void theSoakFailsOnAMisrouteOfASwitchedSlotAfterTheSwitchOnly() throws Exception {
        GreyPlan p = plan(new GateSettings(false, null, 10_000, false)); // the soak ended 50 s ago
        List<MisrouteWrite> found = new ArrayList<>(List.of(write(250, SWITCHED.minusSeconds(5)), write(350, SWITCHED.plusSeconds(1))));
        SoakGate gate = new SoakGate(n -> found, Map::of);
        Gate.Verdict clean = gate.check(ctx(p, Duration.ofSeconds(5)));
        assertThat(clean.passed()).as("before the switch, or a slot not switched yet: %s", clean.detail()).isTrue();
        assertThat(clean.detail()).contains("no mis-routed write of slots [100-199, 200-299]");

        found.add(0, write(150, SWITCHED.plusSeconds(2))); // wave 1's slot, written by its old owner
        Gate.Verdict v = gate.check(ctx(p, Duration.ofSeconds(5)));
        assertThat(v.passed()).isFalse();
        assertThat(v.detail()).contains("key 7 (buyer 1000000150, slot 150) by unit center").contains("NOT_OWNER");

        Gate.Verdict blind = new SoakGate(n -> List.of(), () -> Map.of("unit-b", "canal unreachable")).check(ctx(p, Duration.ofSeconds(5)));
        assertThat(blind.passed()).isFalse();
        assertThat(blind.detail()).contains("unit-b=canal unreachable").contains("proves nothing");
    }

    @Test
    void theLagGateLooksAtBothDirectionsAndFailsWithTheLastMeasurement() throws Exception {
        GreyPlan p = plan(new GateSettings(false, 1000L, 0, false));
        Map<String, Long> lag = new java.util.HashMap<>(Map.of("center->unit-b", 5L, "unit-b->center", 4000L));
        ReplicationLagGate gate = new ReplicationLagGate((s, t) -> Optional.ofNullable(lag.get(s + "->" + t))
                .map(ms -> new ReplicationLag(s, t, ms, 10, 9, Instant.now(), null)));
        Gate.Verdict behind = gate.check(ctx(p, Duration.ofMillis(50)));
        assertThat(behind.passed()).isFalse();
        assertThat(behind.detail()).contains("replication lag unit-b->center 4000 ms").contains("over the bound of 1000 ms");

        lag.put("unit-b->center", 7L);
        Gate.Verdict ok = gate.check(ctx(p, Duration.ofMillis(50)));
        assertThat(ok.passed()).as(ok.detail()).isTrue();
        assertThat(ok.detail()).contains("center->unit-b 5 ms").contains("unit-b->center 7 ms");
    }
}
