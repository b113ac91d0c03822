package io.unitize.db;

import java.util.List;

/**
 * The buyers a write statement shows for one table: every buyer value found (INSERT rows, WHERE
 * equalities and IN lists, SET of the buyer column), and whether they cover the statement
 * ({@code complete} is false when a row's buyer is an expression, an INSERT ... SELECT, or a
 * WHERE without a buyer condition).
 */
public record StatementBuyers(List<Long> buyerIds, boolean complete) {

    public StatementBuyers {
        buyerIds = List.copyOf(buyerIds);
    }

    public static StatementBuyers none() {
        return new StatementBuyers(List.of(), false);
    }
}
