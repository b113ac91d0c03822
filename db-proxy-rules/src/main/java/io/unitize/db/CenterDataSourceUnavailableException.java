package io.unitize.db;

import java.sql.SQLException;

/** A center datasource used in a unit that is not the center: it is not created there. */
public class CenterDataSourceUnavailableException extends SQLException {

    public CenterDataSourceUnavailableException(String dataSource, String unit, String center) {
        super("UNITIZE-DB-020 datasource '" + dataSource + "' is a center datasource: it exists only in the center unit (" + center
                + "), and this application runs in " + unit + ". Reach center data through a @HARoute(CENTER) service, "
                + "or read a center-unit table (replicated here) through a unit datasource", "08001");
    }
}
