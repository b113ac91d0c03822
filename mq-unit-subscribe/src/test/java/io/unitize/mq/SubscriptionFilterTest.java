package io.unitize.mq;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionFilterTest {

    private static final RulesSnapshot RULES = UnitRules.builder().version(4).updatedAt(Instant.parse("2026-11-22T01:00:00Z"))
            .author("t").reason("t").unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
            .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of())).route(0, 4999, "center").route(5000, 9999, "unit-b")
            .build().compile();

    private static SubscriptionFilter filter(SubscriptionMode mode, String unit, NoBuyerPolicy noBuyer) {
        return new SubscriptionFilter(mode, unit, noBuyer, () -> RULES);
    }

    @Test
    void unitModeConsumesOnlyBuyersHomedHere() {
        assertThat(filter(SubscriptionMode.UNIT, "unit-b", NoBuyerPolicy.CENTER).decide("5001", "center", true)).isEqualTo(ConsumeDecision.CONSUME);
        assertThat(filter(SubscriptionMode.UNIT, "unit-b", NoBuyerPolicy.CENTER).decide("1", "unit-b", false)).isEqualTo(ConsumeDecision.SKIP_NOT_HOME);
        assertThat(filter(SubscriptionMode.UNIT, "center", NoBuyerPolicy.CENTER).decide("15001", "unit-b", true)).as("slot 5001")
                .isEqualTo(ConsumeDecision.SKIP_NOT_HOME);
    }

    @Test
    void aMessageWithoutBuyerFollowsThePolicyAndIsNeverDropped() {
        assertThat(filter(SubscriptionMode.UNIT, "center", NoBuyerPolicy.CENTER).decide(null, "unit-b", true)).isEqualTo(ConsumeDecision.CONSUME);
        assertThat(filter(SubscriptionMode.UNIT, "unit-b", NoBuyerPolicy.CENTER).decide(null, "unit-b", false)).isEqualTo(ConsumeDecision.SKIP_NOT_CENTER);
        assertThat(filter(SubscriptionMode.UNIT, "unit-b", NoBuyerPolicy.DEAD_LETTER).decide("", "unit-b", false)).isEqualTo(ConsumeDecision.DEAD_LETTER);
        assertThat(filter(SubscriptionMode.UNIT, "center", NoBuyerPolicy.DEAD_LETTER).decide(null, "unit-b", true))
                .isEqualTo(ConsumeDecision.SKIP_DEAD_LETTERED_ELSEWHERE);
    }

    @Test
    void otherModes() {
        assertThat(filter(SubscriptionMode.CENTER, "center", NoBuyerPolicy.CENTER).decide("5001", "unit-b", true)).isEqualTo(ConsumeDecision.CONSUME);
        assertThat(filter(SubscriptionMode.CENTER, "unit-b", NoBuyerPolicy.CENTER).decide("5001", "unit-b", false)).isEqualTo(ConsumeDecision.SKIP_NOT_CENTER);
        assertThat(filter(SubscriptionMode.ALL_UNIT, "unit-b", NoBuyerPolicy.CENTER).decide("1", "center", true)).isEqualTo(ConsumeDecision.CONSUME);
        assertThat(filter(SubscriptionMode.NORMAL, "unit-b", NoBuyerPolicy.CENTER).decide("1", "center", true)).isEqualTo(ConsumeDecision.SKIP_REPLICA);
        assertThat(filter(SubscriptionMode.NORMAL, "unit-b", NoBuyerPolicy.CENTER).decide("1", "unit-b", false)).isEqualTo(ConsumeDecision.CONSUME);
    }

    @Test
    void aBuyerIdThatIsNotANumberIsRefusedNamingIt() {
        assertThatThrownBy(() -> filter(SubscriptionMode.UNIT, "unit-b", NoBuyerPolicy.CENTER).decide("abc", "center", false))
                .isInstanceOf(MalformedUnitMessageException.class).hasMessageContaining("'abc'").hasMessageContaining(UnitMessageProperties.BUYER_ID);
    }

    @Test
    void seenMessagesDropsASecondCopyAndForgetsAFailedOne() {
        SeenMessages seen = new SeenMessages(2);
        assertThat(seen.firstTime("a")).isTrue();
        assertThat(seen.firstTime("a")).isFalse();
        seen.forget("a");
        assertThat(seen.firstTime("a")).isTrue();
        seen.firstTime("b");
        seen.firstTime("c"); // capacity 2: "a" is forgotten
        assertThat(seen.firstTime("a")).isTrue();
    }

    @Test
    void lagRecorderPercentiles() {
        LagRecorder lag = new LagRecorder(100);
        for (int i = 1; i <= 100; i++) {
            lag.record(i);
        }
        assertThat(lag.percentile(50)).isEqualTo(50);
        assertThat(lag.percentile(99)).isEqualTo(99);
        assertThat(lag.last()).isEqualTo(100);
    }
}
