package io.unitize.rpc.dubbo;

import io.unitize.core.RulesSnapshot;
import io.unitize.rpc.ProviderUnits;
import io.unitize.rpc.RouteCounters;
import io.unitize.rpc.UnitRouteDecider;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.ScopeModel;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Turns Unitize routing on for a Dubbo application: its unit and where the rules in force come from
 * (normally unit-core's {@code RulesSubscriber::snapshot}, shared by every agent of the process).
 *
 * <pre>{@code
 * UnitizeDubbo.install(ApplicationModel.defaultModel(), "unit-b", rulesSubscriber::snapshot);
 * }</pre>
 *
 * Call it before the application's services are exported and references created. The Spring Boot
 * starter does it from {@code unitize.unit}. An application running several Dubbo application
 * models (tests) installs each; {@link #installDefault} serves the ones not installed.
 */
public final class UnitizeDubbo {

    private static final String ATTRIBUTE = UnitizeDubbo.class.getName();
    private static volatile UnitizeDubbo defaultContext;

    private final String unit;
    private final Supplier<RulesSnapshot> rules;
    private final UnitRouteDecider decider;
    private final ProviderUnits providers = new ProviderUnits();
    private final RouteCounters counters = new RouteCounters();
    private final ServiceKeyRegistry keys = new ServiceKeyRegistry();

    private UnitizeDubbo(String unit, Supplier<RulesSnapshot> rules) {
        this.unit = Objects.requireNonNull(unit, "unit");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.decider = new UnitRouteDecider(unit);
    }

    /** Routing for one Dubbo application model. */
    public static UnitizeDubbo install(ApplicationModel application, String unit, Supplier<RulesSnapshot> rules) {
        UnitizeDubbo context = new UnitizeDubbo(unit, rules);
        application.setAttribute(ATTRIBUTE, context); // a map read per call, unlike the bean factory's scan
        return context;
    }

    /** Routing for every Dubbo application model of the process that was not {@link #install installed}. */
    public static UnitizeDubbo installDefault(String unit, Supplier<RulesSnapshot> rules) {
        defaultContext = new UnitizeDubbo(unit, rules);
        return defaultContext;
    }

    /** Forgets the process-wide default (tests). */
    public static void uninstallDefault() {
        defaultContext = null;
    }

    /** The context of a scope model, or {@code null} when Unitize is not installed for it. */
    static UnitizeDubbo of(ScopeModel model) {
        ApplicationModel app = model == null ? null : ApplicationModelLookup.applicationOf(model);
        if (app != null && app.getAttribute(ATTRIBUTE) instanceof UnitizeDubbo context) {
            return context;
        }
        return defaultContext;
    }

    public String unit() {
        return unit;
    }

    /** Route decisions and refusals of this context's calls (consumer and provider side). */
    public RouteCounters counters() {
        return counters;
    }

    RulesSnapshot rules() {
        return rules.get();
    }

    UnitRouteDecider decider() {
        return decider;
    }

    ProviderUnits providers() {
        return providers;
    }

    ServiceKeyRegistry keys() {
        return keys;
    }
}
