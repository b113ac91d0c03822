package io.unitize.core.nacos;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AckItemsTest {

    @Test
    void anItemIsNamedAfterTheAgentAndHoldsThePlainDecimalVersion() {
        assertThat(AckItems.dataId("gateway-1a2b3c4d")).isEqualTo("ack.gateway-1a2b3c4d");
        assertThat(AckItems.content(42)).isEqualTo("42");
        assertThat(AckItems.parse(AckItems.content(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
        assertThat(AckItems.parse(" 7\n")).isEqualTo(7);
    }

    @Test
    void anAbsentOrMalformedItemHoldsNoVersion() {
        assertThat(AckItems.parse(null)).isEqualTo(-1);
        assertThat(AckItems.parse("")).isEqualTo(-1);
        assertThat(AckItems.parse("-3")).isEqualTo(-1);
        assertThat(AckItems.parse("+3")).isEqualTo(-1);
        assertThat(AckItems.parse("3.0")).isEqualTo(-1);
        assertThat(AckItems.parse("{\"version\":3}")).isEqualTo(-1);
        assertThat(AckItems.parse("99999999999999999999")).isEqualTo(-1);
        assertThat(AckItems.parse("9223372036854775808")).isEqualTo(-1);
    }

    @Test
    void theItemsVersionCountsAndTheMetadataOnlyWhenTheItemIsMissingOrBehind() {
        assertThat(AckItems.appliedVersion(8, 7)).as("the item is ahead of the metadata (naming is slower)").isEqualTo(8);
        assertThat(AckItems.appliedVersion(-1, 7)).as("an agent of an older release has no item").isEqualTo(7);
        assertThat(AckItems.appliedVersion(6, 7)).as("the item's write failed").isEqualTo(7);
        assertThat(AckItems.appliedVersion(-1, 0)).isZero();
        assertThat(AckItems.appliedVersion(-1, -5)).isZero();
    }

    @Test
    void theItemIsWrittenAgainOnlyWhenMissingOrDifferent() {
        assertThat(AckItems.needsPublish("5", 5)).isFalse();
        assertThat(AckItems.needsPublish("5\n", 5)).isFalse();
        assertThat(AckItems.needsPublish(null, 5)).isTrue();
        assertThat(AckItems.needsPublish("4", 5)).isTrue();
        assertThat(AckItems.needsPublish("6", 5)).as("someone else wrote it").isTrue();
        assertThat(AckItems.needsPublish("junk", 5)).isTrue();
    }

    @Test
    void anAgentIsDueForCleanupOnlyAfterTheGracePeriodOutOfNaming() {
        AckItems.Departures d = new AckItems.Departures(100);
        d.seen("a");
        d.gone("a", 1_000);
        d.gone("b", 1_050);
        d.gone("a", 1_090); // still gone: the first time counts
        assertThat(d.due(Set.of(), 1_099)).isEmpty();
        assertThat(d.due(Set.of(), 1_100)).containsExactly("a");
        assertThat(d.pending()).isEqualTo(1);
        assertThat(d.due(Set.of(), 1_200)).containsExactly("b");
        assertThat(d.pending()).isZero();
    }

    @Test
    void anAgentBackInNamingBeforeTheGracePeriodIsForgotten() {
        AckItems.Departures d = new AckItems.Departures(100);
        d.gone("a", 0);
        d.gone("b", 0);
        assertThat(d.due(Set.of("a"), 50)).isEmpty();
        d.seen("b");
        assertThat(d.pending()).isZero();
        assertThat(d.due(Set.of(), 500)).isEmpty();
    }
}
