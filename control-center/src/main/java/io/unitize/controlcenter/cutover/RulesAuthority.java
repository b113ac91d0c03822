package io.unitize.controlcenter.cutover;

import io.unitize.core.InvalidRulesException;
import io.unitize.core.RulesDiff;
import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The one writer of rules versions: derives the next version from the latest under a lock, stores
 * it in the ledger, then publishes the latest to every unit. Publishing always sends the latest
 * stored version, so publishing again after a failure or a restart is safe and never goes back.
 */
public final class RulesAuthority {

    private static final Logger log = LoggerFactory.getLogger(RulesAuthority.class);

    private final RulesLedger ledger;
    private final RulesBroadcast broadcast;
    private final Clock clock;
    private final Object lock = new Object();

    public RulesAuthority(RulesLedger ledger, RulesBroadcast broadcast, Clock clock) {
        this.ledger = ledger;
        this.broadcast = broadcast;
        this.clock = clock;
    }

    public Optional<UnitRules> latest() {
        return ledger.latest();
    }

    /** The version a cutover issued for a purpose, if it did. */
    public Optional<Long> issued(String cutoverId, RulesLedger.Purpose purpose) {
        return ledger.versionFor(cutoverId, purpose);
    }

    public Set<String> units() {
        return broadcast.units();
    }

    /**
     * Stores the next version derived from the latest by {@code edit}. The derived document gets
     * version latest+1, the time now, {@code author} and {@code reason}.
     */
    public UnitRules issue(RulesLedger.Purpose purpose, String cutoverId, String author, String reason, Edit edit) {
        synchronized (lock) {
            UnitRules current = ledger.latest().orElseThrow(() -> new CutoverConflictException(
                    "no rules in force yet: store the first version with PUT /api/v1/rules", null));
            UnitRules next = edit.apply(current, new RulesEdits.Stamp(current.version() + 1, clock.instant(), author, reason));
            ledger.append(next, purpose, cutoverId);
            return next;
        }
    }

    /**
     * Stores an operator's document. The first document may be anything valid; later ones may change
     * units, endpoints and transform-independent fields but not move slots or change freezes (that is
     * what a cutover is for).
     *
     * @throws InvalidRulesException if its reason is longer than the store keeps
     * @throws StaleRulesException if its version is not the latest + 1
     * @throws io.unitize.core.UnitIndexChangedException if it changes or drops a unit's index
     * @throws CutoverConflictException if it would move slots or change freezes
     */
    public UnitRules store(UnitRules doc) {
        if (doc.reason() != null && doc.reason().length() > RulesLedger.MAX_REASON_LENGTH) {
            throw new InvalidRulesException(List.of("reason: must be at most " + RulesLedger.MAX_REASON_LENGTH
                    + " characters (the length the store keeps), but has " + doc.reason().length()));
        }
        synchronized (lock) {
            Optional<UnitRules> current = ledger.latest();
            if (current.isPresent()) {
                UnitRules cur = current.get();
                if (doc.version() != cur.version() + 1) {
                    throw StaleRulesException.notTheNext(doc.version(), cur.version(), " in the control center");
                }
                UnitDirectory.of(cur).requireIndexesKeptBy(UnitDirectory.of(doc)); // a unit's index never changes
                if (!doc.transform().equals(cur.transform())) {
                    throw new CutoverConflictException("the transform cannot change in place (" + cur.transform() + " -> "
                            + doc.transform() + "): every buyer would move at once", null);
                }
                if (!RulesDiff.between(cur, doc).isEmpty()) {
                    throw new CutoverConflictException("this document moves slots " + RulesDiff.between(cur, doc)
                            + "; routes change only through a cutover: POST /api/v1/cutovers", null);
                }
                if (!doc.freezes().equals(cur.freezes())) {
                    throw new CutoverConflictException("this document changes the freezes " + cur.freezes() + " -> "
                            + doc.freezes() + "; freezes are set and lifted only by cutovers", null);
                }
            }
            ledger.append(doc, RulesLedger.Purpose.EDIT, null);
            return doc;
        }
    }

    /**
     * Publishes the latest stored version to every unit.
     *
     * @return the version published; empty when there are no rules yet
     * @throws RulesPublishException if a unit not in {@code mayFail} was not written
     */
    public OptionalLong publishLatest(Set<String> mayFail) {
        Optional<UnitRules> latest = ledger.latest();
        if (latest.isEmpty()) {
            return OptionalLong.empty();
        }
        broadcast.publish(latest.get(), mayFail);
        return OptionalLong.of(latest.get().version());
    }

    /** Publishes the latest version, logging instead of throwing (startup and periodic catch-up). */
    public void reconcile() {
        try {
            // a unit that failed last time is tried without being waited for: a dead unit must not hold the publisher
            // (and with it a running cutover's publications) for the seconds each of its tries takes
            publishLatest(broadcast.failingUnits()).ifPresent(v -> log.debug("rules version {} published to every unit that answers", v));
        } catch (RuntimeException e) {
            log.warn("UNITIZE-CC-001 the latest rules version is not in every unit's Nacos yet: {}. Next: the control "
                    + "center publishes it again at the next reconciliation; check the unit's Nacos", e.getMessage());
        }
    }

    @FunctionalInterface
    public interface Edit {
        UnitRules apply(UnitRules current, RulesEdits.Stamp stamp);
    }

}
