package io.unitize.db;

import java.util.List;

/**
 * The buyers a write statement pins one written table's rows to: every buyer value found (INSERT
 * rows, WHERE equalities and IN lists joined by AND/OR, SET of the buyer column), whether they cover
 * every written row ({@code complete}), and if not, why ({@code gap}: "WHERE has no condition on
 * buyer_id", "a row's buyer is an expression", ...).
 */
public record StatementBuyers(List<Long> buyerIds, boolean complete, String gap) {

    public StatementBuyers {
        buyerIds = List.copyOf(buyerIds);
        if (!complete && (gap == null || gap.isBlank())) {
            gap = "the SQL does not pin the written rows to a buyer";
        }
    }

    public StatementBuyers(List<Long> buyerIds, boolean complete) {
        this(buyerIds, complete, null);
    }

    public static StatementBuyers none() {
        return new StatementBuyers(List.of(), false, null);
    }

    public static StatementBuyers unpinned(List<Long> found, String gap) {
        return new StatementBuyers(found, false, gap);
    }

    public static StatementBuyers pinned(List<Long> ids) {
        return new StatementBuyers(ids, true, null);
    }
}
