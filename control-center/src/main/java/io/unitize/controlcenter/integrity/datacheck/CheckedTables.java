package io.unitize.controlcenter.integrity.datacheck;

import java.util.List;

/** The unit tables the data check compares (configuration). */
public record CheckedTables(List<TableSpec> tables) {

    public CheckedTables {
        tables = List.copyOf(tables);
    }
}
