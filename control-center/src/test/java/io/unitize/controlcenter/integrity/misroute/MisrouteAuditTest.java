package io.unitize.controlcenter.integrity.misroute;

import io.unitize.core.SlotRange;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The mis-route judgement against a rules history, without a binlog. */
class MisrouteAuditTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long CENTER = 1;
    private static final long UNIT_B = 2;
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(T0 + 100_000), ZoneOffset.UTC);

    private static UnitRules rules(long version, int centerTo, SlotRange freeze) {
        UnitRules.Builder b = UnitRules.builder().version(version).author("t").reason("t")
                .unit(UnitDefinition.of("center", UnitRole.CENTER)).unit(UnitDefinition.of("unit-b", UnitRole.UNIT))
                .route(0, centerTo, "center").route(centerTo + 1, 9999, "unit-b");
        if (freeze != null) {
            b.freeze(freeze);
        }
        return b.build();
    }

    /** v1 at T0: 0-4999 center; v2 at T0+10 s: 2000-2999 frozen; v3 at T0+11 s: 0-1999 center, 2000-9999 unit-b (simplified). */
    private static RulesTimeline history() {
        return RulesTimeline.empty().with(List.of(
                new RulesTimeline.Entry(rules(1, 4999, null).compile(), T0),
                new RulesTimeline.Entry(rules(2, 4999, SlotRange.of(2000, 2999)).compile(), T0 + 10_000),
                new RulesTimeline.Entry(rules(3, 1999, null).compile(), T0 + 11_000)), 100);
    }

    private static RowWrite write(long buyer, long server, long at) {
        return new RowWrite("shop.orders", "k" + buyer, String.valueOf(buyer), "INSERT", server, at);
    }

    @Test
    void aWriteForABuyerOwnedElsewhereIsReportedWithTheVersionInForce() {
        MisrouteJudge center = new MisrouteJudge("center", CENTER, Duration.ofSeconds(3), clock);
        MisrouteWrite m = center.judge(write(1_000_006_000L, CENTER, T0 + 5_000), history()).orElseThrow();
        assertThat(m.writingUnit()).isEqualTo("center");
        assertThat(m.serverId()).isEqualTo(CENTER);
        assertThat(m.key()).isEqualTo("k1000006000");
        assertThat(m.slot()).isEqualTo(6000);
        assertThat(m.ownerUnit()).isEqualTo("unit-b");
        assertThat(m.rulesVersion()).isEqualTo(1);
        assertThat(m.kind()).isEqualTo(MisrouteWrite.Kind.NOT_OWNER);
        assertThat(center.judge(write(1_000_000_100L, CENTER, T0 + 5_000), history())).as("its own buyer").isEmpty();
    }

    @Test
    void aReplicatedRowIsNotJudgedInTheUnitItWasCopiedTo() {
        MisrouteJudge center = new MisrouteJudge("center", CENTER, Duration.ofSeconds(3), clock);
        assertThat(center.judge(write(1_000_006_000L, UNIT_B, T0 + 5_000), history())).isEmpty();
        List<MisrouteWrite> found = new ArrayList<>();
        MisrouteAudit audit = new MisrouteAudit(center, until -> history(), found::add);
        audit.accept(List.of(write(1_000_006_000L, UNIT_B, T0 + 5_000), write(1_000_006_001L, CENTER, T0 + 5_000)));
        assertThat(found).extracting(MisrouteWrite::key).containsExactly("k1000006001");
        assertThat(audit.stats().replicatedSkipped()).isEqualTo(1);
        assertThat(audit.stats().judged()).isEqualTo(1);
        assertThat(audit.stats().misroutes()).isEqualTo(1);
    }

    @Test
    void theGraceCoversTheAgentsApplyDelayAfterAVersionIsStored_laterTheFreezeCounts() {
        MisrouteJudge center = new MisrouteJudge("center", CENTER, Duration.ofSeconds(3), clock);
        // slot 2500, center's until v3: a write 0.5 s into the freeze (v2) is still allowed under v1 within the grace
        assertThat(center.judge(write(1_000_002_500L, CENTER, T0 + 10_500), history())).isEmpty();
        MisrouteJudge strict = new MisrouteJudge("center", CENTER, Duration.ZERO, clock);
        MisrouteWrite frozen = strict.judge(write(1_000_002_500L, CENTER, T0 + 10_000), history()).orElseThrow();
        assertThat(frozen.kind()).isEqualTo(MisrouteWrite.Kind.FROZEN);
        assertThat(frozen.rulesVersion()).isEqualTo(2);
        // after v3, unit-b owns 2500: center writing it 5 s later is reported under v3; unit-b is allowed
        MisrouteWrite late = center.judge(write(1_000_002_500L, CENTER, T0 + 16_000), history()).orElseThrow();
        assertThat(late.rulesVersion()).isEqualTo(3);
        assertThat(late.ownerUnit()).isEqualTo("unit-b");
        assertThat(new MisrouteJudge("unit-b", UNIT_B, Duration.ofSeconds(3), clock)
                .judge(write(1_000_002_500L, UNIT_B, T0 + 16_000), history())).isEmpty();
    }

    @Test
    void aRowWithoutABuyerOrBeforeAnyRulesIsNotJudged() {
        MisrouteJudge center = new MisrouteJudge("center", CENTER, Duration.ofSeconds(3), clock);
        assertThat(center.judge(new RowWrite("shop.orders", "1", null, "DELETE", CENTER, T0), history())).isEmpty();
        assertThat(center.judge(new RowWrite("shop.orders", "1", "x", "INSERT", CENTER, T0), history())).isEmpty();
        assertThat(center.judge(write(1_000_006_000L, CENTER, T0), RulesTimeline.empty())).isEmpty();
    }
}
