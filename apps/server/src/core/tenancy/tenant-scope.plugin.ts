import {
  AliasNode,
  BinaryOperationNode,
  ColumnNode,
  JoinNode,
  OperationNodeTransformer,
  OperatorNode,
  QueryNode,
  ReferenceNode,
  TableNode,
  ValueNode,
  type ColumnUpdateNode,
  type DeleteQueryNode,
  type FromNode,
  type InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type SelectQueryNode,
  type UnknownRow,
  type UpdateQueryNode,
} from 'kysely';
import { tenantTables } from './tenant-tables';

export class TenantScopeViolation extends Error {
  override name = 'TenantScopeViolation';
}

type TableRef = { name: string; ref: string };

/** The tenant table behind a FROM / JOIN / UPDATE item, with the name queries use for it (its alias). */
function tenantTableOf(node: OperationNode | undefined): TableRef | undefined {
  if (!node) return undefined;
  if (TableNode.is(node)) {
    const name = node.table.identifier.name;
    return name in tenantTables ? { name, ref: name } : undefined;
  }
  if (AliasNode.is(node) && TableNode.is(node.node)) {
    const name = node.node.table.identifier.name;
    const alias = (node.alias as { name?: string }).name;
    return name in tenantTables && alias ? { name, ref: alias } : undefined;
  }
  return undefined;
}

/**
 * Rewrites every query made through a tenant-scoped transaction so it can only see and change one
 * company's rows, whatever the query says: `<table>.tenant_id = :tenant` is added to the WHERE of
 * every SELECT, UPDATE and DELETE (and to the ON of every JOIN) over a tenant table, nested queries
 * included; INSERTs must carry that tenant_id; nobody may change tenant_id; raw SQL is refused.
 * This is the SQLite counterpart of PostgreSQL's row-level security (and runs on PostgreSQL too).
 */
class TenantScopeTransformer extends OperationNodeTransformer {
  constructor(private readonly tenantId: string) {
    super();
  }

  private condition(t: TableRef): OperationNode {
    const column = tenantTables[t.name] ?? 'tenant_id';
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create(column), TableNode.create(t.ref)),
      OperatorNode.create('='),
      ValueNode.create(this.tenantId),
    );
  }

  private scopeFrom<T extends SelectQueryNode | DeleteQueryNode | UpdateQueryNode>(node: T, from: FromNode | undefined): T {
    let out = node;
    for (const item of from?.froms ?? []) {
      const t = tenantTableOf(item);
      if (t) out = QueryNode.cloneWithWhere(out, this.condition(t));
    }
    return out;
  }

  protected override transformJoin(node: JoinNode): JoinNode {
    const joined = super.transformJoin(node);
    const t = tenantTableOf(joined.table);
    return t ? JoinNode.cloneWithOn(joined, this.condition(t)) : joined;
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const inner = super.transformSelectQuery(node);
    return this.scopeFrom(inner, inner.from);
  }

  protected override transformDeleteQuery(node: DeleteQueryNode): DeleteQueryNode {
    const inner = super.transformDeleteQuery(node);
    return this.scopeFrom(inner, inner.from);
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const inner = super.transformUpdateQuery(node);
    this.refuseTenantChange(inner.updates);
    let out = this.scopeFrom(inner, inner.from);
    const t = tenantTableOf(inner.table);
    if (t) out = QueryNode.cloneWithWhere(out, this.condition(t));
    return out;
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const inner = super.transformInsertQuery(node);
    this.refuseTenantChange(inner.onConflict?.updates);
    const t = tenantTableOf(inner.into);
    if (!t) return inner;
    const column = tenantTables[t.name] ?? 'tenant_id';
    const index = inner.columns?.findIndex((c) => c.column.name === column) ?? -1;
    const rows = inner.values && 'values' in inner.values ? (inner.values as { values: readonly OperationNode[] }).values : undefined;
    if (index < 0 || !rows) throw new TenantScopeViolation(`insert into ${t.name} must give ${column} explicitly`);
    for (const row of rows) {
      const value = 'values' in row ? (row as { values: readonly unknown[] }).values[index] : undefined;
      const actual = value && typeof value === 'object' && ValueNode.is(value as OperationNode) ? (value as ValueNode).value : value;
      if (actual !== this.tenantId) throw new TenantScopeViolation(`insert into ${t.name} for another company`);
    }
    return inner;
  }

  private refuseTenantChange(updates: readonly ColumnUpdateNode[] | undefined): void {
    for (const u of updates ?? []) {
      const name = ColumnNode.is(u.column) ? u.column.column.name : undefined;
      if (name === 'tenant_id') throw new TenantScopeViolation('tenant_id cannot be changed');
    }
  }
}

export class TenantScopePlugin implements KyselyPlugin {
  private readonly transformer: TenantScopeTransformer;

  constructor(tenantId: string) {
    this.transformer = new TenantScopeTransformer(tenantId);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (args.node.kind === 'RawNode') {
      throw new TenantScopeViolation('raw SQL is not allowed in a tenant scope; use the query builder');
    }
    return this.transformer.transformNode(args.node, args.queryId);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
