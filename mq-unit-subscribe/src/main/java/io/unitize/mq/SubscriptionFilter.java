package io.unitize.mq;

import io.unitize.core.RulesSnapshot;

import java.util.function.Supplier;

/**
 * Decides per message whether this unit's listener sees it: a property read, a parse and an array
 * read of the current rules snapshot (the snapshot's version is the one the process reports as applied).
 */
public final class SubscriptionFilter {

    private final SubscriptionMode mode;
    private final String unit;
    private final NoBuyerPolicy noBuyer;
    private final Supplier<RulesSnapshot> rules;

    public SubscriptionFilter(SubscriptionMode mode, String unit, NoBuyerPolicy noBuyer, Supplier<RulesSnapshot> rules) {
        this.mode = mode;
        this.unit = unit;
        this.noBuyer = noBuyer;
        this.rules = rules;
    }

    /**
     * @param buyerId     the {@link UnitMessageProperties#BUYER_ID} property, or null
     * @param originUnit  the {@link UnitMessageProperties#ORIGIN_UNIT} property, or null (not produced through Unitize)
     * @param replicated  whether this is a copy made by the replicator
     */
    public ConsumeDecision decide(String buyerId, String originUnit, boolean replicated) {
        switch (mode) {
            case ALL_UNIT:
                return ConsumeDecision.CONSUME;
            case NORMAL:
                return replicated ? ConsumeDecision.SKIP_REPLICA : ConsumeDecision.CONSUME;
            case CENTER:
                return isCenter() ? ConsumeDecision.CONSUME : ConsumeDecision.SKIP_NOT_CENTER;
            default:
                if (buyerId == null || buyerId.isEmpty()) {
                    if (noBuyer == NoBuyerPolicy.CENTER) {
                        return isCenter() ? ConsumeDecision.CONSUME : ConsumeDecision.SKIP_NOT_CENTER;
                    }
                    return !replicated ? ConsumeDecision.DEAD_LETTER : ConsumeDecision.SKIP_DEAD_LETTERED_ELSEWHERE;
                }
                long id;
                try {
                    id = Long.parseLong(buyerId);
                } catch (NumberFormatException e) {
                    throw new MalformedUnitMessageException(UnitMessageProperties.BUYER_ID + " is '" + buyerId + "', not a number");
                }
                return rules.get().isHomedIn(id, unit) ? ConsumeDecision.CONSUME : ConsumeDecision.SKIP_NOT_HOME;
        }
    }

    private boolean isCenter() {
        return unit.equals(rules.get().center().code());
    }

    public SubscriptionMode mode() {
        return mode;
    }

    public String unit() {
        return unit;
    }
}
