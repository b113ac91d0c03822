package io.unitize.core.nacos;

/**
 * The former home of {@link io.unitize.core.rules.RulesListener}, kept for one release so that code
 * naming this type still compiles.
 *
 * @deprecated use {@link io.unitize.core.rules.RulesListener}
 */
@Deprecated(forRemoval = true)
@FunctionalInterface
public interface RulesListener extends io.unitize.core.rules.RulesListener {
}
