package io.unitize.shop.launch;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shop's command line names addresses and its unit only; the units[] facts go into the rules document. */
class ShopLaunchTest {

    private static final ShopLaunch.UnitAddresses CENTER = new ShopLaunch.UnitAddresses("center", true, 0, "127.0.0.1:18848",
            "127.0.0.1:19876", 13306, "root", "", 11111, "redis://127.0.0.1:16379");
    private static final ShopLaunch.UnitAddresses UNIT_B = new ShopLaunch.UnitAddresses("unit-b", false, 1, "127.0.0.1:28848",
            "127.0.0.1:29876", 23306, "root", "", 21111, "redis://127.0.0.1:26379");

    @Test
    void theCommandLineRepeatsNoUnitsFact() {
        List<String> args = ShopLaunch.unitArgs(UNIT_B, List.of(CENTER, UNIT_B), 8081, Path.of("/tmp/shop-b"));
        assertThat(args).contains("--shop.unit=unit-b")
                .noneMatch(a -> a.startsWith("--shop.unit-index") || a.startsWith("--unitize.mq.name-server")
                        || a.startsWith("--unitize.mq.replicator.peers") || a.startsWith("--unitize.cache.invalidator.redis")
                        || a.startsWith("--shop.namesrv"));
    }

    @Test
    void theUnitsEntryCarriesTheNameServerAndTheRedisTheShopReads() {
        assertThat(ShopLaunch.unitEndpoints(UNIT_B)).containsExactlyInAnyOrderEntriesOf(Map.of("rocketmq", "127.0.0.1:29876",
                "redis.order-cache", "redis://127.0.0.1:26379"));
    }

    @Test
    @SuppressWarnings("deprecation")
    void theTransitionalCommandLineAddsTheDeprecatedProperties() {
        List<String> args = ShopLaunch.args(UNIT_B, List.of(CENTER, UNIT_B), 8081, Path.of("/tmp/shop-b"));
        assertThat(args).contains("--shop.unit-index=1", "--unitize.mq.name-server=127.0.0.1:29876",
                "--unitize.mq.replicator.peers.center=127.0.0.1:19876",
                "--unitize.cache.invalidator.redis.unit-b=redis://127.0.0.1:26379");
    }
}
