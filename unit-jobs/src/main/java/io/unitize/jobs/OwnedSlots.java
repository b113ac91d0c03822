package io.unitize.jobs;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.SlotRange;

import java.util.ArrayList;
import java.util.List;

/** The slot ranges a unit owns under a snapshot, split into unfrozen (to scan) and frozen (to skip). */
public record OwnedSlots(List<SlotRange> unfrozen, List<SlotRange> frozen) {

    public OwnedSlots {
        unfrozen = List.copyOf(unfrozen);
        frozen = List.copyOf(frozen);
    }

    public static OwnedSlots of(RulesSnapshot rules, String unit) {
        List<SlotRange> open = new ArrayList<>();
        List<SlotRange> frozen = new ArrayList<>();
        int n = rules.slotCount();
        int start = -1;
        boolean startFrozen = false;
        for (int s = 0; s <= n; s++) {
            boolean mine = s < n && rules.unitOfSlot(s).code().equals(unit);
            boolean isFrozen = mine && rules.isSlotFrozen(s);
            if (start >= 0 && (!mine || isFrozen != startFrozen)) {
                (startFrozen ? frozen : open).add(SlotRange.of(start, s - 1));
                start = -1;
            }
            if (mine && start < 0) {
                start = s;
                startFrozen = isFrozen;
            }
        }
        return new OwnedSlots(open, frozen);
    }
}
