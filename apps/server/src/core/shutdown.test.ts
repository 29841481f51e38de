import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../test/test-db';

const repoRoot = fileURLToPath(new URL('../../../..', import.meta.url));
const serverEntry = fileURLToPath(new URL('../server.ts', import.meta.url));

type Running = { baseURL: string; port: number; child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** The real server process (src/server.ts through tsx) on the engine under test, as an operator starts it. */
async function startServer(database: TestDatabase, dataDir: string): Promise<Running> {
  const port = await getPort({ host: '127.0.0.1' });
  const db = database.config;
  const databaseUrl = db.engine === 'postgres'
    ? `${db.url}${db.url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${db.schema ?? 'public'}`)}`
    : undefined;
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    cwd: repoRoot,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ROAAUTO_AUTH_RATE_LIMIT: '1000',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
    const up = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseURL, port, child, output: () => log, exited };
}

/** Resolves once the server's log has a line containing `text`. */
async function logged(server: Running, text: string): Promise<void> {
  while (!server.output().includes(text)) {
    if (server.child.exitCode !== null) throw new Error(`server exited before logging "${text}"`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

type Outcome = { status: number; retryAfter: string | null } | { error: string };

async function outcome(request: Promise<Response>): Promise<Outcome> {
  try {
    const res = await request;
    await res.arrayBuffer();
    return { status: res.status, retryAfter: res.headers.get('retry-after') };
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { error: cause?.code ?? cause?.message ?? String(err) };
  }
}

/** A complete answer: the work was done, or the client is told when to come back. */
function answered(o: Outcome): boolean {
  return 'status' in o && (o.status === 200 || (o.status === 503 && /^\d+$/.test(o.retryAfter ?? '')));
}

describe(`stopping the server process on ${testEngine()}`, () => {
  let database: TestDatabase;
  let dataDir: string;
  let server: Running;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-stop-'));
    server = await startServer(database, dataDir);
  }, 60_000);
  afterAll(async () => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    await server.exited;
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every request it received on SIGTERM, then exits', async () => {
    const reg = await fetch(`${server.baseURL}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `stop-${Date.now()}@service.ro`, password: 'Garaj-Constanta-7', company: { name: 'Service Oprire SRL' }, seedCatalog: false }),
    });
    expect(reg.status).toBe(201);
    const { accessToken } = (await reg.json()) as { accessToken: string };

    // A client whose request is still arriving: headers begun, not finished.
    const slow = net.connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => slow.once('connect', () => resolve()));
    let slowAnswer = '';
    slow.setEncoding('utf8');
    slow.on('data', (d: string) => (slowAnswer += d));
    const slowClosed = new Promise<string | null>((resolve) => {
      slow.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
      slow.once('close', () => resolve(null));
    });
    slow.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n');

    const pushes = Array.from({ length: 15 }, () => {
      const mutations = Array.from({ length: 300 }, (_, i) => ({
        id: i + 1, table: 'vehicles', op: 'upsert', rowId: randomUUID(), baseVersion: null,
        data: { nr_inmatriculare: `CT ${String(i).padStart(3, '0')} ABC`, client_nume: 'Ștefan Popescu', client_adresa: 'Strada Mare '.repeat(30) },
      }));
      return outcome(fetch(`${server.baseURL}/api/sync/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ clientId: randomUUID(), schemaVersion: 1, mutations }),
      }));
    });
    // Stop once the server has received every push (their headers): a request still on its way is not
    // one it received (on a starved machine the client may take a while to send them all).
    const incoming = () => server.output().split('\n').filter((l) => l.includes('"url":"/api/sync/push"') && l.includes('incoming request')).length;
    while (incoming() < pushes.length) await new Promise((r) => setTimeout(r, 2));
    server.child.kill('SIGTERM');
    await logged(server, 'shutting down');

    // A newcomer after the stop began: told to retry while the listener still drains, refused after (or
    // reset, when it connects as the listener closes and has not sent its request yet: not received).
    const late = await outcome(fetch(`${server.baseURL}/api/health`));
    expect(answered(late) || ('error' in late && ['ECONNREFUSED', 'ECONNRESET'].includes(late.error)), JSON.stringify(late)).toBe(true);

    const results = await Promise.all(pushes);
    expect(results.filter((r) => !answered(r))).toEqual([]);
    expect(results.some((r) => 'status' in r && r.status === 200)).toBe(true);

    // The half-sent request is finished after the pushes; it still gets a whole answer.
    slow.write('\r\n');
    expect(await slowClosed).toBeNull();
    expect(slowAnswer).toMatch(/^HTTP\/1\.1 (200|503) /);
    if (slowAnswer.startsWith('HTTP/1.1 503')) expect(slowAnswer).toMatch(/\r\nretry-after: \d+\r\n/i);

    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('server closed, database closed');
  }, 60_000);
});
