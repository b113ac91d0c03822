package io.unitize.core.internal;

import io.unitize.core.UnitDefinition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of the unit directory in {@code units[]}: indexes (in 0..{@value RulesValidator#MAX_UNIT_INDEX},
 * unique, given to every unit or to none) and endpoints (a lowercase name, a non-blank address without
 * credentials: those stay in local configuration).
 */
final class UnitDirectoryRules {

    static final int MAX_ENDPOINT_NAME = 64;
    static final int MAX_ENDPOINT_VALUE = 512;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");
    /** {@code scheme://user:password@host}: a password in an address. */
    private static final Pattern USER_INFO_WITH_SECRET = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://[^/@?#]*:[^/@?#]*@.*");

    private UnitDirectoryRules() {
    }

    static void checkIndexes(List<UnitDefinition> units, Set<String> refused, Violations out) {
        Map<Integer, String> byIndex = new HashMap<>();
        int given = 0;
        int known = 0;
        for (int i = 0; i < units.size(); i++) {
            UnitDefinition u = units.get(i);
            if (refused.contains("units[" + i + "]") || refused.contains("units[" + i + "].index")) {
                continue;
            }
            known++;
            if (u.index() == null) {
                continue;
            }
            given++;
            int index = u.index();
            if (index < 0 || index > RulesValidator.MAX_UNIT_INDEX) {
                out.add("units[" + i + "].index of unit " + Shown.quoted(u.code()) + " must be in 0.." + RulesValidator.MAX_UNIT_INDEX
                        + ", but was " + index);
                continue;
            }
            String other = byIndex.putIfAbsent(index, u.code());
            if (other != null) {
                out.add("units[" + i + "].index " + index + " of unit " + Shown.quoted(u.code()) + " is already the index of unit "
                        + Shown.quoted(other) + "; each unit has its own index");
            }
        }
        if (given > 0 && given < known) {
            out.add("units: an index is given to " + given + " of " + known + " units; give every unit its index (or none)");
        }
    }

    static void checkEndpoints(int i, UnitDefinition u, Violations out) {
        for (Map.Entry<String, String> e : u.endpoints().entrySet()) {
            String name = e.getKey();
            String where = "units[" + i + "]." + Shown.text(name, MAX_ENDPOINT_NAME) + " of unit " + Shown.quoted(u.code());
            if (name.length() > MAX_ENDPOINT_NAME || !NAME.matcher(name).matches()) {
                out.add("endpoint name " + where + " must be 1-" + MAX_ENDPOINT_NAME
                        + " characters of ASCII a-z, 0-9, '.' and '-', starting with a letter or digit");
                continue;
            }
            String value = e.getValue();
            if (value == null || value.isBlank()) {
                out.add("endpoint " + where + " is empty; give an address or leave the endpoint out");
            } else if (value.length() > MAX_ENDPOINT_VALUE) {
                out.add("endpoint " + where + " must be at most " + MAX_ENDPOINT_VALUE + " characters, but has " + value.length());
            } else if (USER_INFO_WITH_SECRET.matcher(value).matches()) {
                out.add("endpoint " + where + " carries a password in its address; credentials stay in each process's local "
                        + "configuration, never in the rules document");
            }
        }
    }
}
