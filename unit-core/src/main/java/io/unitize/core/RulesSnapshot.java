package io.unitize.core;

import java.util.List;

/**
 * A rules document compiled for the per-call path: the owner of every slot and the frozen flag
 * of every slot sit in arrays, so {@link #unitOf(long)} and {@link #isFrozen(long)} are a modulo
 * and an array read. Immutable; agents swap a whole snapshot when a new version is applied.
 */
public final class RulesSnapshot {

    private final UnitRules rules;
    private final UnitDefinition[] units;
    private final byte[] ownerIndex;   // slot -> index into units (at most 127 units)
    private final boolean[] frozen;    // slot -> frozen
    private final int slotCount;
    private final UnitDirectory directory;

    private RulesSnapshot(UnitRules rules) {
        this.rules = rules;
        this.directory = UnitDirectory.of(rules);
        this.units = rules.units().toArray(new UnitDefinition[0]);
        if (units.length > Byte.MAX_VALUE) {
            throw new InvalidRulesException(List.of("units: at most " + Byte.MAX_VALUE + " units are supported, but got " + units.length));
        }
        this.slotCount = rules.transform().slotCount();
        this.ownerIndex = new byte[slotCount];
        this.frozen = new boolean[slotCount];
        for (SlotRoute r : rules.routes()) {
            byte idx = (byte) indexOf(r.unit());
            for (int s = r.range().from(); s <= r.range().to(); s++) {
                ownerIndex[s] = idx;
            }
        }
        for (SlotRange f : rules.freezes()) {
            for (int s = f.from(); s <= f.to(); s++) {
                frozen[s] = true;
            }
        }
    }

    static RulesSnapshot compile(UnitRules rules) {
        return new RulesSnapshot(rules);
    }

    private int indexOf(String code) {
        for (int i = 0; i < units.length; i++) {
            if (units[i].code().equals(code)) {
                return i;
            }
        }
        throw new IllegalStateException("validated rules route to an undeclared unit " + code);
    }

    /** The document this snapshot was compiled from. */
    public UnitRules rules() {
        return rules;
    }

    public long version() {
        return rules.version();
    }

    /** The slot of a buyer under this document's transform. */
    public int slotOf(long buyerId) {
        return (int) Math.floorMod(buyerId, (long) slotCount);
    }

    /** The buyer's home unit. */
    public UnitDefinition unitOf(long buyerId) {
        return units[ownerIndex[slotOf(buyerId)]];
    }

    /** The unit that owns a slot; {@code slot} must be in {@code 0..slotCount-1}. */
    public UnitDefinition unitOfSlot(int slot) {
        return units[ownerIndex[slot]];
    }

    /** Whether the buyer's writes are frozen (the buyer's slot is moving). */
    public boolean isFrozen(long buyerId) {
        return frozen[slotOf(buyerId)];
    }

    public boolean isSlotFrozen(int slot) {
        return frozen[slot];
    }

    /** Whether the buyer is homed in the unit of that code. */
    public boolean isHomedIn(long buyerId, String unitCode) {
        return units[ownerIndex[slotOf(buyerId)]].code().equals(unitCode);
    }

    /**
     * Refuses a write that does not belong in {@code unitCode}: a frozen buyer, in any unit
     * ({@link UnitWriteFrozenException}), or a buyer homed elsewhere ({@link UnitMisrouteException}).
     */
    public void checkWrite(long buyerId, String unitCode) {
        int slot = slotOf(buyerId);
        if (frozen[slot]) { // checked first: a moving buyer is refused as "frozen, retry" in every unit
            throw new UnitWriteFrozenException(buyerId, slot, rules.version());
        }
        UnitDefinition home = units[ownerIndex[slot]];
        if (!home.code().equals(unitCode)) {
            throw new UnitMisrouteException(buyerId, slot, home.code(), unitCode, rules.version());
        }
    }

    /**
     * The same for a write keyed by an id that carries the buyer's slot (a routable order id):
     * {@code subject} names it in the refusal, e.g. {@code "routable id 4711"}.
     */
    public void checkWriteOfSlot(int slot, String subject, String unitCode) {
        if (frozen[slot]) {
            throw new UnitWriteFrozenException(subject, slot, rules.version());
        }
        UnitDefinition home = units[ownerIndex[slot]];
        if (!home.code().equals(unitCode)) {
            throw new UnitMisrouteException(subject, slot, home.code(), unitCode, rules.version());
        }
    }

    /** The center unit. */
    public UnitDefinition center() {
        return directory.center();
    }

    /** The unit directory of this version ({@code units[]}: center, indexes, endpoints), compiled with the snapshot. */
    public UnitDirectory directory() {
        return directory;
    }

    public int slotCount() {
        return slotCount;
    }
}
