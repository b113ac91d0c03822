package io.unitize.drill;

import java.time.Instant;

/**
 * One scenario row of a unit's {@code orders} table, as the checker reads it: id, buyer,
 * {@code written_by_server}, {@code created_at}, and of the last update (a cancel)
 * {@code updated_by_server} and {@code updated_at} (0 and null when never updated).
 */
record OrderRow(long id, long buyer, long server, Instant at, long updatedBy, Instant updatedAt) {

    boolean updated() {
        return updatedAt != null;
    }
}
