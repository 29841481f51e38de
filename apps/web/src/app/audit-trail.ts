/**
 * Lines of an audit trail as the server answers them (GET /api/audit, GET /api/admin/audit), in words
 * (texts under `core.audit`), and as a CSV file Excel opens with its diacritics.
 */
export type AuditLine = {
  id: string;
  at: string;
  action: string;
  actorKind: string;
  actorId: string | null;
  actor: string | null;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  tenantId?: string | null;
  tenantName?: string | null;
};

export type AuditFilters = { category: string; action: string; actor: string; from: string; to: string };

type T = (key: string, named?: Record<string, unknown>) => string;
type Te = (key: string) => boolean;

/** The query string of the filters that are set (and a page's cursor). */
export function auditQuery(f: Partial<AuditFilters> & { before?: string | null; limit?: number }, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  const all: Record<string, string | number | null | undefined> = { ...f, ...extra };
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function actionLabel(t: T, te: Te, action: string): string {
  const key = `shell.audit.actions.${action.replace('.', '_')}`;
  return te(key) ? t(key) : action;
}

export function actorLabel(t: T, line: Pick<AuditLine, 'actor' | 'actorKind'>): string {
  if (line.actor) return line.actor;
  const kind = ['platform_admin', 'billing', 'system', 'anonymous'].includes(line.actorKind) ? line.actorKind : 'system';
  return t(`shell.audit.actors.${kind}`);
}

/** The one detail worth a column: a plan's before and after, a role. */
export function detailsText(t: T, line: AuditLine): string {
  const d = line.details;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const plan = (e: unknown) => (typeof e === 'object' && e !== null ? `${text((e as { plan?: unknown }).plan)} / ${text((e as { billingStatus?: unknown }).billingStatus)}` : '');
  if (d.before !== undefined && d.after !== undefined) return t('shell.audit.planChange', { before: plan(d.before), after: plan(d.after) });
  if (typeof d.from === 'string' && typeof d.to === 'string') return t('shell.audit.roleChange', { from: d.from, to: d.to });
  if (typeof d.role === 'string') return t('shell.audit.role', { role: d.role });
  return '';
}

/** A cell as CSV wants it; a text a spreadsheet would run as a formula is kept as text. */
function cell(value: string, separator: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The lines as a CSV text with a UTF-8 byte order mark, so Excel reads "ș" and "ț" right. Romanian
 * Excel separates columns with ";" (the comma is its decimal mark); English with ",".
 */
export function auditCsv(t: T, te: Te, lines: readonly AuditLine[], locale: string, withCompany = false): string {
  const sep = locale === 'ro' ? ';' : ',';
  const head = [
    t('shell.audit.columns.when'), ...(withCompany ? [t('shell.audit.columns.company')] : []), t('shell.audit.columns.who'), t('shell.audit.columns.what'),
    t('shell.audit.columns.target'), t('shell.audit.columns.details'), t('shell.audit.columns.ip'),
  ];
  const rows = lines.map((l) => [
    l.at, ...(withCompany ? [l.tenantName ?? ''] : []), actorLabel(t, l), actionLabel(t, te, l.action), l.target ?? '', detailsText(t, l), l.ip ?? '',
  ]);
  return `\uFEFF${[head, ...rows].map((r) => r.map((c) => cell(c, sep)).join(sep)).join('\r\n')}\r\n`;
}

/** Hands a text to the browser as a downloaded file. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
