package io.unitize.shop;

import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.id.IdLayout;
import io.unitize.id.SnowflakeIdGenerator;

/** The next order id of a buyer: routable, carrying the buyer's slot under the rules in force (see {@link OrderIds}). */
public final class OrderIdGenerator {

    private final SnowflakeIdGenerator ids;
    private final RulesSubscriber rules;

    OrderIdGenerator(SnowflakeIdGenerator ids, RulesSubscriber rules) {
        this.ids = ids;
        this.rules = rules;
    }

    public long next(long buyerId) {
        return ids.nextId(rules.snapshot().slotOf(buyerId));
    }

    public IdLayout layout() {
        return ids.layout();
    }
}
