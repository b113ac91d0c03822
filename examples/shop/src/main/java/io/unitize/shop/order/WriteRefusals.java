package io.unitize.shop.order;

import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.shop.api.BuyerFrozenException;

/** Turns the write guard's typed refusal (wrapped by MyBatis and Spring) into the shop's retryable refusal. */
final class WriteRefusals {

    private WriteRefusals() {
    }

    static RuntimeException translate(long buyerId, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnitWriteRefusedException r && (r.reason() == UnitWriteRefusedException.Reason.FROZEN
                    || r.reason() == UnitWriteRefusedException.Reason.NOT_HOMED_HERE)) {
                return new BuyerFrozenException(buyerId, r.reason() + " (rules version " + r.rulesVersion() + ")");
            }
            if (t instanceof UnitWriteFrozenException || t instanceof UnitMisrouteException) {
                return new BuyerFrozenException(buyerId, t.getMessage());
            }
        }
        return e;
    }
}
