package io.unitize.core.internal;

import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.SlotTransform;
import io.unitize.core.UnitDefinition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every rule a rules document must keep; each violation names the field, range or unit and the value. */
public final class RulesValidator {

    private static final Pattern UNIT_CODE = Pattern.compile("[a-z0-9-]{1,32}");

    private RulesValidator() {
    }

    public static List<String> violations(long version, String author, List<UnitDefinition> units, SlotTransform transform,
            List<SlotRoute> routes, List<SlotRange> freezes) {
        List<String> out = new ArrayList<>();
        if (version <= 0) {
            out.add("version must be > 0, but was " + version);
        }
        if (author == null || author.isBlank()) {
            out.add("author must name who made this version, but was empty");
        }
        Set<String> codes = checkUnits(units, out);
        boolean transformOk = checkTransform(transform, out);
        if (!transformOk) {
            return out; // ranges cannot be judged without a slot space
        }
        checkRoutes(routes, codes, transform.maxSlot(), out);
        checkFreezes(freezes, transform.maxSlot(), out);
        return out;
    }

    private static Set<String> checkUnits(List<UnitDefinition> units, List<String> out) {
        Set<String> codes = new LinkedHashSet<>();
        if (units.isEmpty()) {
            out.add("units must declare at least one unit, but was empty");
            return codes;
        }
        List<String> centers = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            UnitDefinition u = units.get(i);
            String code = u.code();
            if (code == null || !UNIT_CODE.matcher(code).matches()) {
                out.add("units[" + i + "].code '" + code + "' must be 1-32 lowercase letters, digits or '-'");
            } else if (!codes.add(code)) {
                out.add("units[" + i + "].code '" + code + "' is declared twice");
            }
            if (u.role() == null) {
                out.add("units[" + i + "].role of unit '" + code + "' is missing (CENTER or UNIT)");
            } else if (u.isCenter()) {
                centers.add(code);
            }
        }
        if (centers.isEmpty()) {
            out.add("units must have exactly one CENTER, but none has role CENTER");
        } else if (centers.size() > 1) {
            out.add("units must have exactly one CENTER, but " + centers.size() + " do: " + String.join(", ", centers));
        }
        return codes;
    }

    private static boolean checkTransform(SlotTransform t, List<String> out) {
        if (t == null) {
            out.add("transform is missing");
            return false;
        }
        boolean ok = true;
        if (!SlotTransform.MOD.equals(t.type())) {
            out.add("transform.type '" + t.type() + "' is not supported (supported: " + SlotTransform.MOD + ")");
            ok = false;
        }
        if (t.slotCount() <= 0) {
            out.add("transform.slotCount must be > 0, but was " + t.slotCount());
            ok = false;
        } else if (t.slotCount() > SlotTransform.MAX_SLOT_COUNT) {
            out.add("transform.slotCount must be <= " + SlotTransform.MAX_SLOT_COUNT + ", but was " + t.slotCount());
            ok = false;
        }
        return ok;
    }

    private static void checkRoutes(List<SlotRoute> routes, Set<String> codes, int maxSlot, List<String> out) {
        if (routes.isEmpty()) {
            out.add("routes must cover slots 0-" + maxSlot + ", but the routing table is empty");
            return;
        }
        List<Integer> wellFormed = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            SlotRoute r = routes.get(i);
            boolean ok = checkRange("routes[" + i + "]", r.range(), maxSlot, out);
            if (r.unit() == null || !codes.contains(r.unit())) {
                out.add("routes[" + i + "] " + r.range() + " names unknown unit '" + r.unit() + "' (units: "
                        + String.join(", ", codes) + ")");
            }
            if (ok) {
                wellFormed.add(i);
            }
        }
        wellFormed.sort(Comparator.comparingInt((Integer i) -> routes.get(i).range().from()));
        int next = 0; // first slot not yet covered
        Integer previous = null;
        for (int i : wellFormed) {
            SlotRange r = routes.get(i).range();
            if (r.from() > next) {
                out.add("routes leave slots " + SlotRange.of(next, r.from() - 1) + " without a unit (gap)");
            } else if (r.from() < next && previous != null) {
                out.add("routes[" + previous + "] " + routes.get(previous).range() + " and routes[" + i + "] " + r
                        + " overlap on slots " + SlotRange.of(r.from(), Math.min(next - 1, r.to())));
            }
            if (r.to() + 1 > next) {
                next = r.to() + 1;
                previous = i;
            }
        }
        if (next <= maxSlot && !wellFormed.isEmpty()) {
            out.add("routes leave slots " + SlotRange.of(next, maxSlot) + " without a unit (gap)");
        }
    }

    private static void checkFreezes(List<SlotRange> freezes, int maxSlot, List<String> out) {
        for (int i = 0; i < freezes.size(); i++) {
            checkRange("freezes[" + i + "]", freezes.get(i), maxSlot, out);
        }
    }

    private static boolean checkRange(String where, SlotRange r, int maxSlot, List<String> out) {
        if (r == null) {
            out.add(where + " is missing its range");
            return false;
        }
        if (r.from() > r.to()) {
            out.add(where + " " + r + ": from must be <= to");
            return false;
        }
        if (r.from() < 0 || r.to() > maxSlot) {
            out.add(where + " " + r + " is outside the slot space 0-" + maxSlot);
            return false;
        }
        return true;
    }
}
