package io.unitize.controlcenter.replay;

import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.MissingUnitEndpointException;
import io.unitize.core.UnitEndpoints;
import io.unitize.core.UnitRules;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Each unit's RocketMQ name server, read when it is needed from the latest rules version: the unit's
 * {@code rocketmq} endpoint in {@code units[]}. The deprecated
 * {@code unitize.control-center.units.<code>.rocketmq-namesrv} serves only where units[] gives none,
 * and is refused when it disagrees (naming both).
 */
public final class UnitNameServers {

    private final Supplier<Optional<UnitRules>> latest;
    private final Map<String, String> deprecatedLocal;

    public UnitNameServers(Supplier<Optional<UnitRules>> latest, Map<String, String> deprecatedLocal) {
        this.latest = latest;
        this.deprecatedLocal = Map.copyOf(deprecatedLocal);
    }

    /**
     * The name server of {@code unit}.
     *
     * @throws io.unitize.core.UnitFactConflictException when the deprecated local value disagrees with units[]
     * @throws MissingUnitEndpointException when neither gives one ({@code purpose} says what needs it)
     */
    public String of(String unit, String purpose) {
        String fromDirectory = latest.get().flatMap(r -> r.unit(unit)).map(u -> u.endpoint(UnitEndpoints.ROCKETMQ)).orElse(null);
        String namesrv = DeprecatedUnitProperty.named("unitize.control-center.units." + unit + ".rocketmq-namesrv",
                "units[] rocketmq endpoint of unit " + unit).resolve(deprecatedLocal.get(unit), fromDirectory);
        if (namesrv == null) {
            throw new MissingUnitEndpointException(unit, UnitEndpoints.ROCKETMQ, "RocketMQ name server", purpose);
        }
        return namesrv;
    }

    /** Checks every deprecated local value against units[] of the latest version (startup). */
    public void checkAgreement() {
        deprecatedLocal.keySet().forEach(unit -> of(unit, "the startup check"));
    }
}
