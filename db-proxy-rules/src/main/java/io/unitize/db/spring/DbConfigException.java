package io.unitize.db.spring;

import io.unitize.core.UnitizeConfigException;

/** The write guard cannot be set up as configured (UNITIZE-DB-001 a table or guard property, UNITIZE-DB-002 a DataSource). */
public class DbConfigException extends UnitizeConfigException {

    static final String TABLES = "Fix the unitize.db.* property named above (each guarded table needs its kind, unit tables "
            + "their buyer column), as db-proxy-rules' README shows, then start again.";
    static final String DATA_SOURCE = "Check that the DataSource named above can connect and that the guarded tables exist "
            + "in it (or list it under unitize.db.center-data-sources if it is a center database), then start again.";

    DbConfigException(String message, String action, Throwable cause) {
        super(message, action, cause);
    }
}
