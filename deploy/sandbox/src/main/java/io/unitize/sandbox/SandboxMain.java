package io.unitize.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The demo command: starts both units on real servers, prints every address an operator needs,
 * and runs until Ctrl-C, which stops every server. Arguments: optional base folder
 * (default {@code target/unitize-sandbox}), then optional server kinds (default: all), e.g.
 * {@code target/sb NACOS MARIADB}. {@code -Dunitize.sandbox.nacosAuth=true} starts Nacos with
 * authentication on (user and password printed).
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path base = Path.of(args.length > 0 ? args[0] : "target/unitize-sandbox");
        List<ServerKind> kinds = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try {
                kinds.add(ServerKind.valueOf(args[i].toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                System.err.println("UNITIZE-SANDBOX-009 unknown server kind '" + args[i] + "'; known: "
                        + java.util.Arrays.toString(ServerKind.values()));
                System.exit(2);
            }
        }
        UnitSandbox.Builder builder = UnitSandbox.builder().baseDir(base)
                .nacosAuth(Boolean.getBoolean("unitize.sandbox.nacosAuth")); // Nacos with authentication on
        if (!kinds.isEmpty()) {
            builder.servers(kinds);
        }
        UnitSandbox sandbox = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "unitize-demo-stop"));
        long t0 = System.nanoTime();
        sandbox.start();
        StringBuilder out = new StringBuilder("\n==== Unitize sandbox is up (")
                .append(String.format("%.1f s, %d MB resident", (System.nanoTime() - t0) / 1e9, sandbox.residentMegabytes()))
                .append(") ====\n");
        for (SandboxUnit unit : sandbox.units()) {
            out.append("unit ").append(unit.code()).append(unit.isCenter() ? " (CENTER)" : " (UNIT)").append('\n');
            for (Map.Entry<String, String> e : unit.describe().entrySet()) {
                out.append(String.format("  %-9s %s%n", e.getKey(), e.getValue()));
            }
        }
        out.append("data and logs: ").append(sandbox.runDir()).append('\n');
        out.append("This is the sandbox alone; ./deploy/demo.sh adds the control center and demo agents.\n");
        out.append("Press Ctrl-C to stop everything.\n");
        System.out.println(out);
        stopped.await();
    }
}
