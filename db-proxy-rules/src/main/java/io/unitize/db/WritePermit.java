package io.unitize.db;

/**
 * The guard's yes to one written table. {@code pinBuyer} non-null: the SQL does not pin the rows,
 * the hint named this buyer, and the statement may run only with {@code buyerColumn = pinBuyer}
 * added to its WHERE (the ShardingSphere adapter does that; an adapter that cannot must refuse).
 */
public record WritePermit(String table, String buyerColumn, Long pinBuyer) {

    public boolean needsPin() {
        return pinBuyer != null;
    }
}
