package io.unitize.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Facts a benchmark's results file states about the machine and the servers it ran on, read at run
 * time rather than written down: the load average, and a Nacos setting as the running servers report it.
 */
public final class BenchFacts {

    /** The Nacos push delay setting, the one that bounds how soon naming changes reach readers. */
    public static final String NACOS_PUSH_DELAY = "nacos.naming.push.pushTaskDelay";

    private BenchFacts() {
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code 1.20 / 0.80 / 0.50}; {@code unknown (...)} where /proc is not there. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * {@code setting} of every unit's Nacos as its running server reports it, with {@code unit} appended
     * (e.g. {@code 50 ms}); {@code center 50 ms, unit-b 500 ms} when the units differ. A server whose
     * settings cannot be read shows as unknown with the reason, so that a long run still writes its results.
     */
    public static String nacosSetting(UnitSandbox sandbox, String setting, String unit) {
        Map<String, String> byUnit = new LinkedHashMap<>();
        for (SandboxUnit u : sandbox.units()) {
            String value;
            try {
                value = u.nacosSetting(setting).map(v -> v + unit).orElse("not reported by the server");
            } catch (ServerSettingsException e) {
                value = "unknown (" + e.getMessage() + ")";
            }
            byUnit.put(u.code(), value);
        }
        if (byUnit.values().stream().distinct().count() == 1) {
            return byUnit.values().iterator().next();
        }
        return byUnit.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
