package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariant 6 for a lost unit's buyers, and the freeze bound of the control-center SIGKILL scenario. */
class ClientErrorsAndFreezeBoundTest {

    static final long LOST_AT = Instant.parse("2026-12-02T12:16:19.439Z").toEpochMilli();
    static final String GW_030 = "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"UNITIZE-GW-030 the gateway of the home "
            + "unit unit-b (http://127.0.0.1:43177) cannot be reached\",\"code\":\"UNITIZE-GW-030\"}";

    /** The second full drill's failover: freeze published 5 s after unit-b was lost, done 21 s after. */
    static JsonNode failover() throws Exception {
        return ControlCenterClient.JSON.readTree("{\"plan\":{\"type\":\"FAILOVER_UNIT\",\"unit\":\"unit-b\",\"toUnit\":\"center\"},"
                + "\"freezePublishedAt\":\"2026-12-02T12:16:24.600Z\",\"finishedAt\":\"2026-12-02T12:16:40.564Z\","
                + "\"moves\":[{\"range\":{\"from\":5000,\"to\":9999},\"from\":\"unit-b\",\"to\":\"center\"}]}");
    }

    static Sample at(long buyer, long sentAt, boolean retryAfter, String error) {
        return new Sample(Sample.Op.PLACE, buyer, "http://127.0.0.1:45345", sentAt, sentAt, sentAt + 20, 20, 503, retryAfter, error, -1, null);
    }

    static Checker.Run run(List<Sample> samples, JsonNode cutover) {
        return new Checker.Run(Instant.EPOCH, Set.of(), samples, Map.of(), Map.of(), List.of(cutover), 0, Map.of(), Map.of(), "unit-b", LOST_AT);
    }

    @Test
    void aLostUnitsBuyersGetACodedRetryable503FromTheLossUntilTheFailoverEndsAndThatIsTheOutageNotAFailure() throws Exception {
        JsonNode c = failover();
        long between = LOST_AT + 1_000; // after the loss, before the failover's freeze: what failed the second full drill
        Verdict v = ClientErrorsCheck.clientErrors(run(List.of(at(47_009, between, true, GW_030)), c));
        assertThat(v.failures()).as("a GW-030 refusal of a lost unit's buyer during the outage").isZero();
        assertThat(v.holds()).isTrue();
    }

    /** The third full drill's answers: the gateway's detail names the connect exception, longer than the load once kept. */
    static final String GW_030_LONG = "{\"status\":503,\"title\":\"Service Unavailable\",\"detail\":\"UNITIZE-GW-030 the gateway of the "
            + "home unit unit-b (http://127.0.0.1:28340) cannot be reached (AnnotatedConnectException: finishConnect(..) failed with "
            + "error(-111): Connection refused: /127.0.0.1:28340); the request was not sent. The request was refused so that it can be "
            + "retried; retry after the time given in Retry-After.\",\"instance\":\"/api/orders\",\"code\":\"UNITIZE-GW-030\"}";

    @Test
    void aLongCodedRefusalCutShortStillCountsAsTheOutage() throws Exception {
        String cut = GW_030_LONG.substring(0, 300) + "…";
        assertThat(ClientErrorsCheck.code(cut)).as("the code at the start of a body cut short").isEqualTo("UNITIZE-GW-030");
        assertThat(ClientErrorsCheck.code("not json, UNITIZE-GW-030 in the middle")).as("only a problem document's code").isNull();
        long between = LOST_AT + 1_000;
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, between, true, cut), List.of(failover()), "unit-b", LOST_AT)).isTrue();
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, between, true, GW_030_LONG), List.of(failover()), "unit-b", LOST_AT)).isTrue();
    }

    @Test
    void onlyAClearRetryableRefusalOfTheLostUnitsBuyersInsideTheOutageIsAllowed() throws Exception {
        JsonNode c = failover();
        long between = LOST_AT + 1_000;
        List<JsonNode> cs = List.of(c);
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, between, false, GW_030), cs, "unit-b", LOST_AT)).as("no Retry-After").isFalse();
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, between, true, "{\"status\":503,\"detail\":\"boom\"}"), cs, "unit-b", LOST_AT))
                .as("no UNITIZE- code: not a clear refusal").isFalse();
        assertThat(ClientErrorsCheck.allowedRefusal(at(42_009, between, true, GW_030), cs, "unit-b", LOST_AT))
                .as("a buyer of the surviving unit").isFalse();
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, LOST_AT - 2_000, true, GW_030), cs, "unit-b", LOST_AT))
                .as("before the loss").isFalse();
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, between, true, GW_030), cs, null, Long.MAX_VALUE))
                .as("no unit lost: only the freeze window counts").isFalse();
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, Instant.parse("2026-12-02T12:16:45Z").toEpochMilli(), true, GW_030), cs,
                "unit-b", LOST_AT)).as("after the failover").isFalse();
        assertThat(ClientErrorsCheck.allowedRefusal(at(47_009, between, true, "{\"status\":503,\"detail\":\"UNITIZE-GW-030 x\"}"), cs,
                "unit-b", LOST_AT)).as("the code as the detail's first word").isTrue();
    }

    @Test
    void aFreezeOutlivesItsTimeoutOnlyByTheTimeTheControlCenterWasDown() {
        Duration timeout = Duration.ofSeconds(38);
        Duration acks = Duration.ofSeconds(8);
        long published = 1_000_000;
        // down 16 s early in the cutover: the usual bound
        assertThat(FreezeBound.maxFrozenMillis(published, published + 16_000, timeout, acks)).isEqualTo(46_000);
        // down 130 s (the first full drill's restarts): the freeze stays (fail-closed) until the control center is back, then ends
        assertThat(FreezeBound.maxFrozenMillis(published, published + 130_000, timeout, acks)).isEqualTo(138_000);
        assertThat(FreezeBound.describe(published, published + 130_000, timeout, acks)).contains("130000 ms").contains("138000 ms")
                .contains("fail-closed");
    }

    @Test
    void aFreezeBeginsWhenItsVersionIsStoredEvenIfTheControlCenterRecordedItsPublicationOnlyAfterARestart() throws Exception {
        // the control center SIGKILLed right after publishing the freeze (version 2): freezePublishedAt is its publication again,
        // 12 s later, after the restart; the gateways refused the moving buyers' writes (GW-021) all along
        JsonNode c = ControlCenterClient.JSON.readTree("{\"id\":\"c1\",\"plan\":{\"type\":\"MOVE_SLOTS\"},"
                + "\"createdAt\":\"2026-12-02T15:40:59.900Z\",\"freezePublishedAt\":\"2026-12-02T15:41:12.500Z\","
                + "\"finishedAt\":\"2026-12-02T15:41:15.100Z\",\"moves\":[{\"range\":{\"from\":2000,\"to\":2999},\"from\":\"center\",\"to\":\"unit-b\"}]}");
        Instant stored = Instant.parse("2026-12-02T15:41:00.000Z");
        RulesTimeline tl = new RulesTimeline(List.of(new RulesTimeline.Entry(2, stored, "FREEZE", "c1", RulesTimelineTest.rules(2, 4999).compile()),
                new RulesTimeline.Entry(1, stored.minusSeconds(60), "EDIT", null, RulesTimelineTest.rules(1, 4999).compile())));
        String gw021 = "{\"status\":503,\"detail\":\"UNITIZE-GW-021 buyer 22006 (slot 2006) is being moved\",\"code\":\"UNITIZE-GW-021\"}";
        Sample frozen = at(22_006, Instant.parse("2026-12-02T15:41:00.433Z").toEpochMilli(), true, gw021);
        Checker.Run r = new Checker.Run(Instant.EPOCH, Set.of(), List.of(frozen), Map.of(), Map.of(), List.of(c), 0, Map.of());
        assertThat(ClientErrorsCheck.clientErrors(r).failures()).as("by freezePublishedAt alone").isEqualTo(1);
        assertThat(ClientErrorsCheck.clientErrors(r, ClientErrorsCheck.firstStored(tl)).failures()).as("from the freeze's storedAt").isZero();
        assertThat(Checker.freezeStartOf(c, tl)).isEqualTo(stored.toEpochMilli());
        Sample before = at(22_006, stored.toEpochMilli() - 1_000, true, gw021);
        assertThat(ClientErrorsCheck.allowedRefusal(before, List.of(c), null, Long.MAX_VALUE, ClientErrorsCheck.firstStored(tl)))
                .as("before the freeze was stored").isFalse();
    }
}
