package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RulesTimelineTest {

    static UnitRules rules(long v, int centerTo) {
        return UnitRules.builder().version(v).author("test").reason("test").unit(UnitDefinition.of("center", UnitRole.CENTER)).unit(UnitDefinition.of("unit-b", UnitRole.UNIT))
                .route(0, centerTo, "center").route(centerTo + 1, 9999, "unit-b").build();
    }

    @Test
    void theOwnerAtAMomentIsTheUnitOfTheLatestVersionStoredAtOrBeforeIt() {
        Instant t1 = Instant.parse("2026-12-02T01:00:00Z");
        Instant t2 = t1.plusSeconds(10);
        RulesTimeline tl = new RulesTimeline(List.of(
                new RulesTimeline.Entry(2, t2, "SWITCH", "c1", rules(2, 7999).compile()),
                new RulesTimeline.Entry(1, t1, "EDIT", null, rules(1, 4999).compile())));
        assertThat(tl.ownerAt(7_042, t1.minusMillis(1))).isNull();
        assertThat(tl.ownerAt(7_042, t1)).isEqualTo("unit-b");
        assertThat(tl.ownerAt(7_042, t2.minusMillis(1))).isEqualTo("unit-b");
        assertThat(tl.ownerAt(7_042, t2)).isEqualTo("center");
        assertThat(tl.ownerNow(17_042)).isEqualTo("center");
    }

    @Test
    void a503IsAllowedOnlyWithRetryAfterForAMovingBuyerInFlightDuringTheFreeze() throws Exception {
        JsonNode c = ControlCenterClient.JSON.readTree("{\"freezePublishedAt\":\"2026-12-02T01:00:00Z\",\"finishedAt\":\"2026-12-02T01:00:02Z\","
                + "\"moves\":[{\"range\":{\"from\":2000,\"to\":2999},\"from\":\"center\",\"to\":\"unit-b\"}]}");
        long t = Instant.parse("2026-12-02T01:00:01Z").toEpochMilli();
        assertThat(Checker.allowedRefusal(sample(12_000, t, 503, true), List.of(c))).isTrue();
        assertThat(Checker.allowedRefusal(sample(12_000, t, 503, false), List.of(c))).as("no Retry-After").isFalse();
        assertThat(Checker.allowedRefusal(sample(13_000, t, 503, true), List.of(c))).as("not moving").isFalse();
        assertThat(Checker.allowedRefusal(sample(12_000, t + 5_000, 503, true), List.of(c))).as("after the cutover").isFalse();
        assertThat(Checker.allowedRefusal(sample(12_000, t, 500, false), List.of(c))).isFalse();
    }

    @Test
    void clientErrorsAreCountedOneByOneAndReportedByKindSoNoKindIsHiddenBehindTheFirstFive() throws Exception {
        String timeout = "{\"status\":503,\"detail\":\"a service this request needs did not answer (RpcException code 2); retry after 2 s\"}";
        List<Sample> samples = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            samples.add(new Sample(Sample.Op.PLACE, 16_000 + i, "gw", 1_000 + i, 1_000 + i, 2_000 + i, 10, 503, true, timeout, -1, null));
        }
        samples.add(new Sample(Sample.Op.GET, 11_000, "gw", 9_000, 9_000, 9_010, 10, 500, false, "{\"detail\":\"boom 12345\"}", 42, null));
        samples.add(sample(11_001, 9_500, 201, false));
        Checker.Run run = new Checker.Run(Instant.EPOCH, java.util.Set.of(), samples, java.util.Map.of(), java.util.Map.of(), List.of(), 0,
                java.util.Map.of());
        Verdict v = ClientErrorsCheck.clientErrors(run);
        assertThat(v.checked()).isEqualTo(9);
        assertThat(v.failures()).isEqualTo(8);
        assertThat(v.examples()).hasSize(2);
        assertThat(v.examples().get(0)).startsWith("7 × 503+Retry-After PLACE a service this request needs did not answer (RpcException code 2)")
                .contains("first: buyer 16000").contains("last at");
        assertThat(v.examples().get(1)).startsWith("1 × 500 GET boom #");
    }

    static Sample sample(long buyer, long at, int status, boolean retryAfter) {
        return new Sample(Sample.Op.PLACE, buyer, "gw", at, at, at + 10, 10, status, retryAfter, null, -1, null);
    }

    @Test
    void percentilesAndThePlotCoverTheSamples() {
        assertThat(DrillReport.percentile(List.of(1.0, 2.0, 3.0, 4.0), 50)).isEqualTo(2.0);
        assertThat(DrillReport.percentile(List.of(1.0, 2.0, 3.0, 4.0), 99)).isEqualTo(4.0);
        ScenarioResult r = new ScenarioResult("s", null, 10, 0, 2_000, List.of(sample(1, 100, 201, false), sample(1, 1_100, 503, true)),
                List.of(), List.of(), List.of(), true);
        String svg = DrillReport.svg(r);
        assertThat(svg).startsWith("<svg").contains("<path d=\"M").contains("fill=\"#e55\"");
    }
}
