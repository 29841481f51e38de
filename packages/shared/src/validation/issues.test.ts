import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { syncTables } from '../schema/registry';
import { rowSchemas, type TableDef } from '../schema/table';
import { fieldIssuesOf, fieldProblems, isFieldIssueList, issuesMessage, type FieldIssue } from './issues';
import { storableText } from './storable';

const clientsTable = syncTables.find((t) => t.name === 'clients') as TableDef;

const issuesOf = (schema: z.ZodType, value: unknown, prefix?: string): Omit<FieldIssue, 'message'>[] => {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected a failure');
  return fieldIssuesOf(r.error.issues, prefix).map(({ message: _m, ...rest }) => rest);
};

describe('field issues', () => {
  it('say a text limit as the limit, whatever the validator says in English', () => {
    expect(issuesOf(rowSchemas(clientsTable).full, { tip: 'pf', nume: 'x'.repeat(500) })).toEqual([{ path: 'nume', problem: 'too_long', limit: 200 }]);
    expect(issuesOf(z.object({ company: z.object({ name: storableText(200) }) }), { company: { name: 'y'.repeat(201) } }, 'body')).toEqual([
      { path: 'body.company.name', problem: 'too_long', limit: 200 },
    ]);
    expect(issuesOf(z.string().min(10), 'scurt')).toEqual([{ path: '', problem: 'too_short', limit: 10 }]);
    expect(issuesOf(z.string().min(1), '')).toEqual([{ path: '', problem: 'required' }]);
  });

  it('say numbers out of range, fractions, choices, formats, missing and unknown fields', () => {
    expect(issuesOf(z.number().int().max(365), 400)).toEqual([{ path: '', problem: 'too_big', limit: 365 }]);
    expect(issuesOf(z.number().int().min(0), -1)).toEqual([{ path: '', problem: 'too_small', limit: 0 }]);
    expect(issuesOf(z.number().lt(10), 10)).toEqual([{ path: '', problem: 'too_big', limit: 9 }]);
    expect(issuesOf(z.number().int(), 1.5)).toEqual([{ path: '', problem: 'not_whole' }]);
    expect(issuesOf(z.enum(['pf', 'pj']), 'firma')).toEqual([{ path: '', problem: 'bad_choice' }]);
    expect(issuesOf(z.iso.date(), '2026-02-30')).toEqual([{ path: '', problem: 'bad_format' }]);
    expect(issuesOf(z.object({ a: z.string() }), {})).toEqual([{ path: 'a', problem: 'required' }]);
    expect(issuesOf(z.object({ a: z.string() }), { a: 3 })).toEqual([{ path: 'a', problem: 'bad_value' }]);
    expect(issuesOf(z.object({}).strict(), { x: 1, y: 2 })).toEqual([{ path: 'x', problem: 'unknown_field' }, { path: 'y', problem: 'unknown_field' }]);
  });

  it('keep the English for logs, and are recognised when they come back in an error', () => {
    const r = rowSchemas(clientsTable).full.safeParse({ tip: 'pf', nume: 'x'.repeat(500) });
    const list = r.success ? [] : fieldIssuesOf(r.error.issues);
    expect(issuesMessage(list)).toMatch(/^nume: .*200/);
    expect(isFieldIssueList(JSON.parse(JSON.stringify(list)))).toBe(true);
    expect(isFieldIssueList([{ path: 'nume', message: 'Too big' }])).toBe(false);
    expect(isFieldIssueList('nume: Too big')).toBe(false);
    expect(new Set(fieldProblems).size).toBe(fieldProblems.length);
  });
});
