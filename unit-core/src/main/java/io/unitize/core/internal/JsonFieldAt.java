package io.unitize.core.internal;

/** Where a field is: a top-level (or transform) field, or a field of element {@code index} of a list. */
record JsonFieldAt(String list, int index, String field) {
    static JsonFieldAt top(String path) {
        return new JsonFieldAt(null, -1, path);
    }

    static JsonFieldAt element(String list, int index, String field) {
        return new JsonFieldAt(list, index, field);
    }

    /** The name of the field inside its object. */
    String name() {
        return field.substring(field.lastIndexOf('.') + 1);
    }

    /** "version", "transform.slotCount", "routes[3].unit", "units[1]". */
    String path() {
        if (list == null) {
            return field;
        }
        return list + "[" + index + "]" + (field == null ? "" : "." + field);
    }
}
