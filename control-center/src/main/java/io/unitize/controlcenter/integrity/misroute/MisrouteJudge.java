package io.unitize.controlcenter.integrity.misroute;

import io.unitize.core.RulesSnapshot;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Judges one row change of a unit's binlog against the rules history. Only changes first committed
 * in this binlog's own database count (origin server id = the unit's): a replicated row is judged
 * once, in the binlog of the unit that wrote it. A write is allowed when, under some version in
 * force during {@code [commit - grace, commit]}, the writing unit owned the buyer's slot and the slot
 * was not frozen; the grace covers the agents' apply delay after a version is stored and the binlog's
 * one-second timestamps. Otherwise it is a {@link MisrouteWrite}, judged under the version at the commit time.
 */
public final class MisrouteJudge {

    private final String unit;
    private final long serverId;
    private final Duration grace;
    private final Clock clock;

    public MisrouteJudge(String unit, long serverId, Duration grace, Clock clock) {
        this.unit = unit;
        this.serverId = serverId;
        this.grace = grace;
        this.clock = clock;
    }

    public String unit() {
        return unit;
    }

    public long serverId() {
        return serverId;
    }

    /** Whether {@code w} was first written in this unit's database (not replicated in). */
    public boolean local(RowWrite w) {
        return w.originServerId() == serverId;
    }

    /** The misroute {@code w} is, or empty when it was allowed, replicated in, or cannot be judged (no buyer, no rules). */
    public Optional<MisrouteWrite> judge(RowWrite w, RulesTimeline timeline) {
        if (!local(w) || timeline.isEmpty() || w.buyer() == null) {
            return Optional.empty();
        }
        long buyer;
        try {
            buyer = Long.parseLong(w.buyer().trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        List<RulesSnapshot> candidates = timeline.during(w.commitMillis() - grace.toMillis(), w.commitMillis() + 999);
        for (RulesSnapshot r : candidates) {
            if (r.isHomedIn(buyer, unit) && !r.isFrozen(buyer)) {
                return Optional.empty();
            }
        }
        RulesSnapshot atCommit = timeline.at(w.commitMillis());
        int slot = atCommit.slotOf(buyer);
        String owner = atCommit.unitOf(buyer).code();
        MisrouteWrite.Kind kind = owner.equals(unit) && atCommit.isFrozen(buyer) ? MisrouteWrite.Kind.FROZEN : MisrouteWrite.Kind.NOT_OWNER;
        return Optional.of(new MisrouteWrite(clock.instant(), unit, serverId, w.table(), w.key(), buyer, slot, owner,
                atCommit.version(), kind, w.type(), java.time.Instant.ofEpochMilli(w.commitMillis())));
    }
}
