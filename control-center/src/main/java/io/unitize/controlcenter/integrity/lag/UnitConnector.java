package io.unitize.controlcenter.integrity.lag;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a connection to a unit's database (a pool's; the caller closes it). */
@FunctionalInterface
public interface UnitConnector {

    Connection connect(String unit) throws SQLException;
}
