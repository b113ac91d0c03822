package io.unitize.db.shardingsphere;

import io.unitize.db.GuardedTable;
import io.unitize.db.StatementBuyers;
import io.unitize.db.TableKind;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.UnitWriteRefusedException;
import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;
import org.apache.shardingsphere.infra.binder.context.type.TableAvailable;
import org.apache.shardingsphere.infra.executor.audit.SQLAuditor;
import org.apache.shardingsphere.infra.metadata.database.ShardingSphereDatabase;
import org.apache.shardingsphere.infra.metadata.database.rule.RuleMetaData;
import org.apache.shardingsphere.infra.session.query.QueryContext;
import org.apache.shardingsphere.parser.rule.SQLParserRule;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DeleteStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;

/**
 * The write guard inside ShardingSphere-JDBC: ShardingSphere audits every logical statement (also
 * in transactions and each row of a batch) after parsing and before routing; this auditor checks
 * INSERT / REPLACE / UPDATE / DELETE against the {@link UnitWriteGuard} registered for the database.
 * Reads pass untouched. ShardingSphere keys auditors by a rule; the SQL parser rule is present in
 * every ShardingSphere database, so the guard needs no rule of its own in the YAML.
 * A refusal is thrown as the typed {@link UnitWriteRefusedException} (a {@code SQLException}):
 * ShardingSphere hands SQLExceptions to the application as they are.
 */
public final class UnitWriteAuditor implements SQLAuditor<SQLParserRule> {

    @Override
    public void audit(QueryContext queryContext, RuleMetaData globalRuleMetaData, ShardingSphereDatabase database, SQLParserRule rule) {
        UnitWriteGuard guard = UnitWriteGuards.of(database.getName());
        if (guard == null) {
            return;
        }
        SQLStatementContext statement = queryContext.getSqlStatementContext();
        Object sql = statement.getSqlStatement();
        if (!(sql instanceof InsertStatement || sql instanceof UpdateStatement || sql instanceof DeleteStatement)) {
            return;
        }
        if (!(statement instanceof TableAvailable tables)) {
            return;
        }
        try {
            for (String table : tables.getTablesContext().getTableNames()) {
                GuardedTable t = guard.table(table);
                StatementBuyers buyers = t != null && t.kind() == TableKind.UNIT
                        ? StatementBuyersReader.read(statement, queryContext.getParameters(), t.buyerColumn()) : StatementBuyers.none();
                guard.checkWrite(table, buyers);
            }
        } catch (UnitWriteRefusedException e) {
            throw sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public int getOrder() {
        return 100;
    }

    @Override
    public Class<SQLParserRule> getTypeClass() {
        return SQLParserRule.class;
    }
}
