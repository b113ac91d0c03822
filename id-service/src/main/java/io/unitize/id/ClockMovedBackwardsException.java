package io.unitize.id;

/**
 * The clock is behind the last time IDs were issued by more than the generator waits for.
 * Nothing was issued; issuing would risk repeating IDs.
 */
public class ClockMovedBackwardsException extends IllegalStateException {

    private final long behindMillis;

    public ClockMovedBackwardsException(long behindMillis, long maxWaitMillis, String where) {
        super("UNITIZE-ID-001 clock is " + behindMillis + " ms behind the last issued time" + where + " (waits up to "
                + maxWaitMillis + " ms): no ID issued. Next: fix the clock (NTP) or wait; IDs resume when it passes that time");
        this.behindMillis = behindMillis;
    }

    public long behindMillis() {
        return behindMillis;
    }
}
