package io.unitize.drill;

import java.time.Duration;

/**
 * How long a cutover's freeze may last when the control center was killed during it (the drill's SIGKILL scenario).
 *
 * <p>The freeze timeout is the control center's: it rolls a cutover back once the freeze is older than
 * {@code freeze-timeout} (before the new routes are stored), and the rollback's acknowledgements get their own bound. Agents
 * never lift a freeze on their own: they keep the last rules they have, freeze included, until the control center publishes
 * a newer version. So while the control center is down the moving buyers' writes stay refused (fail-closed): an agent that
 * lifted the freeze by itself could not know whether the new routes had been stored (the new owner already writing) and
 * would let the old owner write too. Once the control center is back it resumes: a freeze already past its timeout is rolled
 * back at once, a younger one still ends by its timeout at the latest.
 *
 * <p>Hence the bound: {@code frozen <= max(freeze-timeout, the freeze's age when the control center was back) + acks}, i.e. a
 * freeze outlives its timeout only by the time the control center was down, never by anything the control center did.
 */
public final class FreezeBound {

    private FreezeBound() {
    }

    /** The longest the freeze published at {@code freezePublishedAt} may last, the control center running again from {@code backAt}. */
    public static long maxFrozenMillis(long freezePublishedAt, long backAt, Duration freezeTimeout, Duration acks) {
        long ageWhenBack = Math.max(0, backAt - freezePublishedAt);
        return Math.max(freezeTimeout.toMillis(), ageWhenBack) + acks.toMillis();
    }

    /** The bound as the report states it. */
    public static String describe(long freezePublishedAt, long backAt, Duration freezeTimeout, Duration acks) {
        return "bound: max(freeze-timeout " + freezeTimeout.toSeconds() + " s, the freeze's age when the control center was back "
                + Math.max(0, backAt - freezePublishedAt) + " ms) + the acknowledgements " + acks.toSeconds() + " s = "
                + maxFrozenMillis(freezePublishedAt, backAt, freezeTimeout, acks) + " ms; agents keep a freeze while the control "
                + "center is down (fail-closed)";
    }
}
