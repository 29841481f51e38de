import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-db';

const script = fileURLToPath(new URL('../../../../../scripts/pg-backup.sh', import.meta.url));

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function rowCounts(url: string, schema: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name", [schema]);
    const out: Record<string, number> = {};
    for (const { table_name: table } of rows) {
      const r = await client.query<{ n: number }>(`select count(*)::int as n from "${schema}"."${table}"`);
      out[table] = r.rows[0]?.n ?? -1;
    }
    return out;
  } finally {
    await client.end();
  }
}

/** The major version of a PostgreSQL client tool, or null when it is not installed. */
function toolMajor(tool: string): number | null {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(\.\d+)?/.exec(r.stdout);
  return r.status === 0 && m ? Number(m[1]) : null;
}

describe.skipIf(testEngine() !== 'postgres')('scripts/pg-backup.sh', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let dir = '';
  const restoredName = `roaauto_restored_${Date.now().toString(36)}`;
  let url = '';
  let schema = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    if (database.config.engine !== 'postgres') throw new Error('expected PostgreSQL');
    url = database.config.url;
    schema = database.config.schema ?? 'public';
    const app = await buildApp({ database: database.config });
    await app.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`create table "${schema}".probe (id int primary key, v text not null)`);
    await client.query(`insert into "${schema}".probe select i, repeat('x', 100) || i from generate_series(1, 5000) i`);
    await client.end();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-pgdump-'));
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop database if exists ${restoredName} with (force)`);
    await client.end();
    await database.drop();
  });

  it('dumps the database, keeps the newest dumps, and the dump restores every table', async (ctx) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const serverMajor = Number((await client.query<{ v: string }>('show server_version_num')).rows[0]?.v ?? 0) / 10000;
    const dumpMajor = toolMajor('pg_dump');
    if (dumpMajor === null || dumpMajor < Math.floor(serverMajor)) {
      await client.end();
      ctx.skip(`pg_dump ${String(dumpMajor)} cannot dump PostgreSQL ${Math.floor(serverMajor)}`);
      return;
    }
    const env = { ...process.env, DATABASE_URL: url, BACKUP_DIR: dir, PG_SCHEMA: schema, BACKUP_KEEP_DUMPS: '2' };
    // Three old dumps by name: the retention keeps the new one and the newest old one.
    for (const old of ['20250101T000000Z', '20250102T000000Z', '20250103T000000Z']) fs.writeFileSync(path.join(dir, `roaauto-${old}.dump`), 'old');
    const out = execFileSync('sh', [script], { env, encoding: 'utf8' });
    expect(out).toContain('pg-backup: ');
    const dumps = fs.readdirSync(dir).filter((n) => n.endsWith('.dump')).sort();
    expect(dumps).toHaveLength(2);
    expect(dumps[0]).toBe('roaauto-20250103T000000Z.dump');
    const dump = path.join(dir, dumps[1] ?? '');
    expect(fs.readFileSync(`${dump}.sha256`, 'utf8')).toMatch(/^[0-9a-f]{64} {2}roaauto-\d{8}T\d{6}Z\.dump\n$/);

    await client.query(`create database ${restoredName}`);
    await client.end();
    const restoredUrl = withDatabase(url, restoredName);
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', restoredUrl, dump], { stdio: 'pipe' });
    const source = await rowCounts(url, schema);
    expect(source.probe).toBe(5000);
    expect(Object.keys(source).length).toBeGreaterThan(20);
    expect(await rowCounts(restoredUrl, schema)).toEqual(source);
  });
});
