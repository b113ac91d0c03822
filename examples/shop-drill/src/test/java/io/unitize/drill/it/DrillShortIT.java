package io.unitize.drill.it;

import io.unitize.drill.ScenarioResult;
import io.unitize.drill.Verdict;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drill's short form (CI): open-loop load through both gateways, one cutover (2000-2999 to
 * unit-b), then one back whose control center is SIGKILLed from outside at CONFIRM_SYNC and
 * restarted; every invariant checked from outside. The report goes to target/drill-short/.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.ROCKETMQ, ServerKind.MARIADB, ServerKind.REDIS, ServerKind.CANAL})
@ExtendWith(DrillExtension.class)
class DrillShortIT {

    @Test
    void oneCutoverUnderLoadAndAControlCenterSigkillKeepEveryInvariant(UnitSandbox sandbox) throws Exception {
        DrillEnvironment env = DrillEnvironment.shared(sandbox);
        Drill d = new Drill(env, "short form");
        ScenarioResult r = d.run("control center SIGKILLed at CONFIRM_SYNC of the second cutover", 15, Drill.buyers(4, 10_000),
                env.endpoints(), env.gateways(), drill -> {
                    assertThat(drill.cutover(Drill.A_TO_B).path("status").asText()).isEqualTo("DONE");
                    drill.cutoverKilledAt(Drill.B_TO_A, "CONFIRM_SYNC");
                });
        String md = Results.write(Path.of("target", "drill-short"), "short", r);
        Files.writeString(Path.of("target", "drill-short", "short.md"), md);
        assertThat(r.notes()).as(md).noneMatch(n -> n.contains("NOT OK"));
        // every invariant: the full drill held all six in every scenario twice (examples/shop-drill/results/)
        assertThat(r.verdicts()).as(md).allMatch(Verdict::holds);
        assertThat(r.samples().stream().filter(s -> s.op() == io.unitize.drill.Sample.Op.PLACE && s.ok()).count())
                .as("orders acknowledged").isGreaterThan(100);
    }
}
