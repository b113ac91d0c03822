package io.unitize.db.shardingsphere;

import io.unitize.db.GuardCounters;
import io.unitize.db.SessionSettings;
import io.unitize.db.SqlScreen;
import io.unitize.db.StatementBuyers;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.db.UnitWriteRefusedException.Reason;
import io.unitize.db.WritePermit;
import io.unitize.db.shardingsphere.WrittenTablesReader.PinSite;
import io.unitize.db.shardingsphere.WrittenTablesReader.TableWrite;
import org.apache.shardingsphere.infra.binder.context.statement.SQLStatementContext;
import org.apache.shardingsphere.infra.binder.context.statement.dml.InsertStatementContext;
import org.apache.shardingsphere.infra.binder.context.type.TableAvailable;
import org.apache.shardingsphere.infra.executor.audit.SQLAuditor;
import org.apache.shardingsphere.infra.metadata.database.ShardingSphereDatabase;
import org.apache.shardingsphere.infra.metadata.database.rule.RuleMetaData;
import org.apache.shardingsphere.infra.session.query.QueryContext;
import org.apache.shardingsphere.parser.rule.SQLParserRule;
import org.apache.shardingsphere.single.rule.SingleRule;
import org.apache.shardingsphere.sql.parser.statement.core.segment.dal.VariableAssignSegment;
import org.apache.shardingsphere.sql.parser.statement.core.segment.generic.table.SimpleTableSegment;
import org.apache.shardingsphere.sql.parser.statement.core.statement.SQLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dal.DALStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dal.EmptyStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dal.ExplainStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dal.SetStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dal.UseStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.ddl.DDLStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.ddl.TruncateStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.DeleteStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.InsertStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.SelectStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.dml.UpdateStatement;
import org.apache.shardingsphere.sql.parser.statement.core.statement.tcl.TCLStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The write guard inside ShardingSphere-JDBC: ShardingSphere audits every logical statement (also
 * in transactions and each row of a batch) after parsing and before routing. This auditor fails
 * closed: it first screens the text (executable comments, several statements), then lets through
 * only reads (SELECT, SHOW, EXPLAIN of a SELECT, USE), transaction control and allowed SETs, checks
 * every table an INSERT / REPLACE / UPDATE / DELETE / TRUNCATE <i>writes</i> against the
 * {@link UnitWriteGuard} registered for the database, and refuses every other statement kind (LOAD
 * DATA, CALL, DO, HANDLER, DDL on declared tables, ...). Any failure inside the guard is a typed
 * refusal ({@link UnitWriteRefusedException}, UNREADABLE_STATEMENT), never a runtime exception.
 * ShardingSphere keys auditors by a rule; the SQL parser rule is present in every ShardingSphere
 * database, so the guard needs no rule of its own in the YAML.
 */
public final class UnitWriteAuditor implements SQLAuditor<SQLParserRule> {

    @Override
    public void audit(QueryContext queryContext, RuleMetaData globalRuleMetaData, ShardingSphereDatabase database, SQLParserRule rule) {
        UnitWriteGuards.Registered registered = UnitWriteGuards.of(database.getName());
        if (registered == null) {
            return;
        }
        BuyerPin.clear();
        GuardCounters counters = registered.guard().counters();
        try {
            audit(registered, queryContext, database);
        } catch (UnitWriteRefusedException e) {
            counters.refused(e.reason());
            throw sneaky(e);
        } catch (RuntimeException | LinkageError e) {
            counters.refused(Reason.UNREADABLE_STATEMENT);
            throw sneaky(UnitWriteRefusedException.ofStatement("statement", Reason.UNREADABLE_STATEMENT,
                    "the guard could not read the statement (" + e + "); it is refused rather than guessed"));
        }
        counters.accepted();
    }

    private static void audit(UnitWriteGuards.Registered registered, QueryContext queryContext, ShardingSphereDatabase database)
            throws UnitWriteRefusedException {
        UnitWriteGuard guard = registered.guard();
        String sql = queryContext.getSql();
        SqlScreen.screen(sql);
        SQLStatementContext context = queryContext.getSqlStatementContext();
        SQLStatement statement = context.getSqlStatement();
        if (statement instanceof SelectStatement || statement instanceof TCLStatement || statement instanceof UseStatement
                || statement instanceof EmptyStatement) {
            return;
        }
        if (statement instanceof ExplainStatement explain) {
            if (explain.getSqlStatement().isEmpty() || explain.getSqlStatement().get() instanceof SelectStatement) {
                return;
            }
            throw unsupported(statement, "EXPLAIN of a write: explain it on a datasource without the guard");
        }
        if (statement instanceof SetStatement set) {
            for (VariableAssignSegment a : set.getVariableAssigns()) {
                String variable = a.getVariable().getVariable();
                String v = variable.toLowerCase(Locale.ROOT);
                if (v.equals("character_set_client") || v.equals("charset") || v.equals("names")) {
                    SessionSettings.checkCharset(a.getAssignValue());
                } else {
                    SessionSettings.check(variable, a.getVariable().getScope().orElse(null));
                }
            }
            return;
        }
        if (statement instanceof DALStatement && statement.getClass().getSimpleName().contains("Show")) {
            return;
        }
        if (statement instanceof InsertStatement || statement instanceof UpdateStatement || statement instanceof DeleteStatement) {
            write(registered, queryContext, database, context, statement);
            return;
        }
        if (statement instanceof TruncateStatement truncate) {
            for (SimpleTableSegment t : truncate.getTables()) {
                guard.checkWrite(t.getTableName().getIdentifier().getValue(), StatementBuyers.unpinned(List.of(), "TRUNCATE removes every row"));
            }
            return;
        }
        if (statement instanceof DDLStatement) {
            String kind = statement.getClass().getSimpleName();
            boolean routine = kind.contains("Trigger") || kind.contains("Procedure") || kind.contains("Function") || kind.contains("Event");
            if (!routine && !guard.isStrict() && context instanceof TableAvailable tables
                    && tables.getTablesContext().getTableNames().stream().allMatch(t -> guard.table(t) == null)) {
                return; // strict mode off, and the DDL names no declared table
            }
            throw unsupported(statement, routine ? "triggers, procedures, functions and events run writes the guard never sees"
                    : "schema changes of declared tables (and any DDL in strict mode) do not go through the guarded datasource: run migrations "
                    + "on a datasource of their own");
        }
        throw unsupported(statement, "the guard cannot see which rows it writes (LOAD DATA / LOAD XML, CALL, DO, HANDLER, IMPORT, "
                + "administration statements): run it on a datasource without the guard, or write the rows with INSERT");
    }

    private static void write(UnitWriteGuards.Registered registered, QueryContext queryContext, ShardingSphereDatabase database,
                              SQLStatementContext context, SQLStatement statement) throws UnitWriteRefusedException {
        UnitWriteGuard guard = registered.guard();
        WrittenTablesReader reader = new WrittenTablesReader(queryContext.getSql(), queryContext.getParameters(), guard, registered.layouts()::get);
        List<TableWrite> writes = statement instanceof InsertStatement ? reader.insert((InsertStatementContext) context)
                : statement instanceof UpdateStatement u ? reader.update(u) : reader.delete((DeleteStatement) statement);
        boolean canRewrite = !queryContext.getHintValueContext().isSkipSQLRewrite()
                && database.getRuleMetaData().findSingleRule(SingleRule.class).isPresent();
        List<BuyerPin.Edit> edits = new ArrayList<>();
        for (TableWrite w : writes) {
            WritePermit permit = guard.decide(w.table(), w.buyers(), canRewrite && w.pinSite() != null);
            if (permit.needsPin()) {
                edits.addAll(edits(queryContext.getSql(), w.pinSite(), permit));
            }
        }
        if (!edits.isEmpty()) {
            BuyerPin.set(new BuyerPin(context, edits));
        }
    }

    private static List<BuyerPin.Edit> edits(String sql, PinSite site, WritePermit permit) {
        String condition = "`" + permit.buyerColumn() + "` = " + permit.pinBuyer();
        if (site.whereStart() < 0) {
            return List.of(new BuyerPin.Edit(site.insertAt(), 0, " WHERE " + condition));
        }
        if (!sql.regionMatches(true, site.whereStart(), "WHERE", 0, 5)) {
            throw new IllegalStateException("the WHERE clause is not where the parser says (offset " + site.whereStart() + ")");
        }
        return List.of(new BuyerPin.Edit(site.whereStart(), 5, "WHERE ("),
                new BuyerPin.Edit(site.whereStop() + 1, 0, ") AND " + condition));
    }

    private static UnitWriteRefusedException unsupported(SQLStatement statement, String why) {
        String kind = statement.getClass().getSimpleName().replaceFirst("^MySQL", "").replaceFirst("Statement$", "");
        return UnitWriteRefusedException.ofStatement(kind, Reason.UNSUPPORTED_STATEMENT, kind + " is refused on a guarded datasource: " + why);
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
