package io.unitize.core.internal;

import io.unitize.core.SlotRange;
import io.unitize.core.SlotRoute;
import io.unitize.core.SlotTransform;
import io.unitize.core.UnitDefinition;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every rule a rules document must keep; each violation names the field, range or unit and the value.
 * Values from the document are shown escaped and bounded ({@link Shown}); faults that repeat per route
 * or per gap are summarized after a few examples ({@link Violations}).
 *
 * <p>The JSON codec also calls it for a document it could only partly read: {@code refused} then
 * holds the paths it already refused ({@code "version"}, {@code "units[1].role"},
 * {@code "routes[3].range"}, ...), and every rule that depends on one of them is skipped, so that
 * each fault is reported once and no rule is judged on a value that was never read.
 */
public final class RulesValidator {

    /** The longest unit code (DESIGN.md: lowercase ASCII letters, digits and '-', at most 32 characters). */
    public static final int MAX_UNIT_CODE = 32;
    /** The largest unit index. */
    public static final int MAX_UNIT_INDEX = 1023;
    private static final int UNITS_LISTED = 8;

    private RulesValidator() {
    }

    public static List<String> violations(long version, String author, List<UnitDefinition> units, SlotTransform transform,
            List<SlotRoute> routes, List<SlotRange> freezes) {
        Violations out = new Violations();
        check(version, author, units, transform, routes, freezes, Set.of(), out);
        return out.list();
    }

    /** Adds to {@code out} every violation that does not depend on a path in {@code refused}. */
    public static void check(long version, String author, List<UnitDefinition> units, SlotTransform transform,
            List<SlotRoute> routes, List<SlotRange> freezes, Set<String> refused, Violations out) {
        if (!refused.contains("version") && version <= 0) {
            out.add("version must be > 0, but was " + version);
        }
        if (!refused.contains("author") && (author == null || author.isBlank())) {
            out.add("author must name who made this version, but was empty");
        }
        Set<String> codes = refused.contains("units") ? Set.of() : checkUnits(units, refused, out);
        boolean everyCodeKnown = !refused.contains("units") && refused.stream().noneMatch(p -> p.startsWith("units[")
                && (p.endsWith("]") || p.endsWith(".code")));
        if (refused.contains("transform") || !checkTransform(transform, out)) {
            return; // ranges cannot be judged without a slot space
        }
        if (!refused.contains("routes")) {
            checkRoutes(routes, codes, everyCodeKnown, transform.maxSlot(), refused, out);
        }
        if (!refused.contains("freezes")) {
            checkFreezes(freezes, transform.maxSlot(), refused, out);
        }
    }

    /**
     * Why {@code code} is not a valid unit code, or null when it is one: 1-{@value #MAX_UNIT_CODE}
     * characters of ASCII {@code a-z}, {@code 0-9} and {@code -}.
     */
    public static String unitCodeFault(String code) {
        if (code == null) {
            return "is missing";
        }
        String rule = "must be 1-" + MAX_UNIT_CODE + " characters of ASCII a-z, 0-9 and '-'";
        if (code.isEmpty()) {
            return rule + ", but is empty";
        }
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return rule + ", but character " + (i + 1) + " is '" + Shown.character(c) + "'"
                        + (code.length() > MAX_UNIT_CODE ? " (and it has " + code.length() + " characters)" : "");
            }
        }
        return code.length() > MAX_UNIT_CODE ? rule + ", but it has " + code.length() + " characters" : null;
    }

    private static Set<String> checkUnits(List<UnitDefinition> units, Set<String> refused, Violations out) {
        Set<String> codes = new LinkedHashSet<>();
        if (units.isEmpty()) {
            out.add("units must declare at least one unit, but was empty");
            return codes;
        }
        List<String> centers = new ArrayList<>();
        boolean everyRoleKnown = true;
        for (int i = 0; i < units.size(); i++) {
            UnitDefinition u = units.get(i);
            if (refused.contains("units[" + i + "]")) {
                everyRoleKnown = false;
                continue;
            }
            String code = u.code();
            if (!refused.contains("units[" + i + "].code")) {
                String fault = unitCodeFault(code);
                if (fault != null) {
                    out.add("units.code", i, i, "units[" + i + "].code " + Shown.quoted(code) + " " + fault,
                            (more, where, n) -> "and " + more + " more units have an invalid code: units " + where);
                } else if (!codes.add(code)) {
                    out.add("units.twice", i, i, "units[" + i + "].code " + Shown.quoted(code) + " is declared twice",
                            (more, where, n) -> "and " + more + " more units repeat a code declared before: units " + where);
                }
            }
            if (refused.contains("units[" + i + "].role")) {
                everyRoleKnown = false;
            } else if (u.role() == null) {
                out.add("units.role", i, i, "units[" + i + "].role of unit " + Shown.quoted(code) + " is missing (CENTER or UNIT)",
                        (more, where, n) -> "and " + more + " more units have no role: units " + where);
            } else if (u.isCenter()) {
                centers.add(Shown.text(code));
            }
            UnitDirectoryRules.checkEndpoints(i, u, out);
        }
        UnitDirectoryRules.checkIndexes(units, refused, out);
        if (centers.isEmpty() && everyRoleKnown) {
            out.add("units must have exactly one CENTER, but none has role CENTER");
        } else if (centers.size() > 1) {
            out.add("units must have exactly one CENTER, but " + centers.size() + " do: " + listed(centers));
        }
        return codes;
    }

    private static boolean checkTransform(SlotTransform t, Violations out) {
        if (t == null) {
            out.add("transform is missing");
            return false;
        }
        boolean ok = true;
        if (!SlotTransform.MOD.equals(t.type())) {
            out.add("transform.type " + Shown.quoted(t.type()) + " is not supported (supported: " + SlotTransform.MOD + ")");
            ok = false;
        }
        String fault = slotCountFault(t.slotCount());
        if (fault != null) {
            out.add(fault);
            ok = false;
        }
        return ok;
    }

    /** Why a slot count is refused, naming the value given (not a clamped one), or null. */
    public static String slotCountFault(Number slotCount) {
        BigInteger n = new BigInteger(slotCount.toString());
        if (n.signum() <= 0) {
            return "transform.slotCount must be > 0, but was " + Shown.text(slotCount.toString());
        }
        if (n.compareTo(BigInteger.valueOf(SlotTransform.MAX_SLOT_COUNT)) > 0) {
            return "transform.slotCount must be <= " + SlotTransform.MAX_SLOT_COUNT + ", but was " + Shown.text(slotCount.toString());
        }
        return null;
    }

    private static void checkRoutes(List<SlotRoute> routes, Set<String> codes, boolean everyCodeKnown, int maxSlot,
            Set<String> refused, Violations out) {
        if (routes.isEmpty()) {
            out.add("routes must cover slots 0-" + maxSlot + ", but the routing table is empty");
            return;
        }
        List<Integer> wellFormed = new ArrayList<>();
        boolean everyRangeKnown = true;
        // runs for every route of every document an agent is offered (10,000 routes in a large one): strings are
        // built only for a route that has a fault, or when the reader refused some fields
        boolean anyRefused = !refused.isEmpty();
        for (int i = 0; i < routes.size(); i++) {
            SlotRoute r = routes.get(i);
            boolean ok;
            if (anyRefused && refused.contains("routes[" + i + "].range")) {
                ok = false;
                everyRangeKnown = false;
            } else {
                ok = checkRange("routes", i, r.range(), maxSlot, out);
            }
            if (!anyRefused || !refused.contains("routes[" + i + "].unit")) {
                String fault = r.unit() == null ? null : unitCodeFault(r.unit());
                if (r.unit() == null) {
                    out.add("routes.no-unit", i, i, routeShown(i, r) + " names no unit",
                            (more, at, n) -> "and " + more + " more routes name no unit: routes " + at);
                } else if (fault != null) {
                    out.add("routes.unit-code", i, i, routeShown(i, r) + " unit " + Shown.quoted(r.unit()) + " " + fault,
                            (more, at, n) -> "and " + more + " more routes name an invalid unit code: routes " + at);
                } else if (everyCodeKnown && !codes.contains(r.unit())) {
                    out.add("routes.unknown-unit", i, i, routeShown(i, r) + " names unknown unit " + Shown.quoted(r.unit())
                            + " (units: " + listed(codes.stream().map(Shown::text).toList()) + ")",
                            (more, at, n) -> "and " + more + " more routes name units that are not declared: routes " + at);
                }
            }
            if (ok) {
                wellFormed.add(i);
            }
        }
        if (everyRangeKnown) {
            checkCoverage(routes, wellFormed, maxSlot, out);
        }
    }

    /** How a violation names route {@code i}: {@code routes[3] 100-199}. */
    private static String routeShown(int i, SlotRoute r) {
        return "routes[" + i + "]" + (r.range() == null ? "" : " " + r.range());
    }

    private static void checkCoverage(List<SlotRoute> routes, List<Integer> wellFormed, int maxSlot, Violations out) {
        wellFormed.sort(Comparator.comparingInt((Integer i) -> routes.get(i).range().from()));
        Violations.Summary moreGaps = (more, where, slots) -> "and " + more + " more gaps leave " + slots
                + " slots without a unit: slots " + where;
        int next = 0; // first slot not yet covered
        Integer previous = null;
        for (int i : wellFormed) {
            SlotRange r = routes.get(i).range();
            if (r.from() > next) {
                out.add("routes.gap", next, r.from() - 1, "routes leave slots " + SlotRange.of(next, r.from() - 1)
                        + " without a unit (gap)", moreGaps);
            } else if (r.from() < next && previous != null) {
                SlotRange overlap = SlotRange.of(r.from(), Math.min(next - 1, r.to()));
                out.add("routes.overlap", overlap.from(), overlap.to(), "routes[" + previous + "] " + routes.get(previous).range()
                        + " and routes[" + i + "] " + r + " overlap on slots " + overlap,
                        (more, where, slots) -> "and " + more + " more overlaps between routes, on " + slots + " slots: " + where);
            }
            if (r.to() + 1 > next) {
                next = r.to() + 1;
                previous = i;
            }
        }
        if (next <= maxSlot && !wellFormed.isEmpty()) {
            out.add("routes.gap", next, maxSlot, "routes leave slots " + SlotRange.of(next, maxSlot) + " without a unit (gap)", moreGaps);
        }
    }

    private static void checkFreezes(List<SlotRange> freezes, int maxSlot, Set<String> refused, Violations out) {
        for (int i = 0; i < freezes.size(); i++) {
            if (!refused.contains("freezes[" + i + "]")) {
                checkRange("freezes", i, freezes.get(i), maxSlot, out);
            }
        }
    }

    private static boolean checkRange(String list, int i, SlotRange r, int maxSlot, Violations out) {
        if (r != null && r.from() <= r.to() && r.from() >= 0 && r.to() <= maxSlot) {
            return true; // the common case, without building the strings below
        }
        String where = list + "[" + i + "]";
        if (r == null) {
            out.add(list + ".no-range", i, i, where + " is missing its range",
                    (more, at, n) -> "and " + more + " more " + list + " miss their range: " + list + " " + at);
            return false;
        }
        if (r.from() > r.to()) {
            out.add(list + ".inverted", i, i, where + " " + r + ": from must be <= to",
                    (more, at, n) -> "and " + more + " more " + list + " have from > to: " + list + " " + at);
            return false;
        }
        if (r.from() < 0 || r.to() > maxSlot) {
            out.add(list + ".outside", i, i, where + " " + r + " is outside the slot space 0-" + maxSlot,
                    (more, at, n) -> "and " + more + " more " + list + " are outside the slot space 0-" + maxSlot + ": " + list + " " + at);
            return false;
        }
        return true;
    }

    /** At most {@value #UNITS_LISTED} names, then how many more. */
    private static String listed(List<String> names) {
        if (names.size() <= UNITS_LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, UNITS_LISTED)) + " and " + (names.size() - UNITS_LISTED) + " more";
    }
}
