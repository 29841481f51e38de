import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configEnvNames } from '../apps/server/src/config';
import { parseCopy, parseDockerfile, stagesOf } from './image-steps.mjs';

/**
 * What can be checked of the container files without a container engine: they parse, name files that
 * exist, and speak of the settings the server reads. `node scripts/image-steps.mjs` performs the
 * image's steps and starts the server from them.
 */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
const serverEnv = new Set(configEnvNames);

type Service = {
  build?: string | { context?: string; dockerfile?: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  profiles?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

const composeText = read('compose.yaml');
const compose = parse(composeText, { merge: true }) as Compose;
const docs = read('docs/deploy.md');

/** The variables a text interpolates: ${NAME}, ${NAME:-default}, ${NAME:?message}. */
function interpolated(text: string): Set<string> {
  return new Set([...text.matchAll(/\$\{(\w+)(?::?[-?][^}]*)?\}/g)].map((m) => m[1] ?? ''));
}

/** The names in the first column of docs/deploy.md's table of the server's settings. */
function documentedServerEnv(): Set<string> {
  const section = docs.split(/^## /m).find((s) => s.startsWith('Environment variables'));
  if (!section) throw new Error('docs/deploy.md has no "Environment variables" section');
  return new Set([...section.matchAll(/^\| `(\w+)` \|/gm)].map((m) => m[1] ?? ''));
}

describe('compose.yaml', () => {
  it('parses, and every service of the image sets only variables the server reads', () => {
    const appServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);
    expect(appServices.map(([name]) => name).sort()).toEqual(['app', 'migrate']);
    for (const [name, service] of appServices) {
      const unknown = Object.keys(service.environment ?? {}).filter((k) => !serverEnv.has(k));
      expect(unknown, `${name} sets variables the server does not read`).toEqual([]);
    }
  });

  it('runs the migrations once before the app, which does not migrate itself', () => {
    const { app, migrate, db } = compose.services;
    expect(migrate?.command).toEqual(['node', 'apps/server/dist/migrate-cli.js']);
    expect(read('package.json')).toContain('"migrate": "node apps/server/dist/migrate-cli.js"');
    expect(app?.environment?.MIGRATE_ON_START).toBe('false');
    expect(app?.depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' }, db: { condition: 'service_healthy' } });
    expect(migrate?.depends_on).toMatchObject({ db: { condition: 'service_healthy' } });
    expect(db?.healthcheck?.test?.join(' ')).toContain('pg_isready');
    expect(app?.environment?.DATABASE_URL).toMatch(/^postgres:\/\/\w+:\$\{POSTGRES_PASSWORD[^}]*\}@db:5432\/\w+$/);
  });

  it('mounts files that exist and volumes it declares; the proxies it trusts are at the addresses it gives them', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0] ?? '';
        if (source.startsWith('.')) expect(fs.existsSync(path.join(repoRoot, source)), `${name} mounts ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes ?? {}), `${name} mounts volume ${source}`).toContain(source);
      }
    }
    const trusted = /\$\{TRUST_PROXY:-([^}]*)\}/.exec(compose.services.app?.environment?.TRUST_PROXY ?? '')?.[1]?.split(',') ?? [];
    const proxies = parse(composeText) as { services: Record<string, { networks?: { default?: { ipv4_address?: string } } }> };
    const addresses = ['caddy', 'cloudflared'].map((s) => proxies.services[s]?.networks?.default?.ipv4_address);
    expect(trusted.sort()).toEqual(addresses.sort());
    expect(compose.services.caddy?.profiles).toEqual(['proxy']);
    expect(compose.services.cloudflared?.profiles).toEqual(['tunnel']);
  });

  it('interpolates only server settings and the variables docs/deploy.md explains', () => {
    for (const name of interpolated(composeText)) {
      if (serverEnv.has(name)) continue;
      expect(docs, `compose.yaml uses \${${name}}, which docs/deploy.md does not explain`).toContain(`\`${name}\``);
    }
    for (const line of read('deploy/env.example').split('\n')) {
      const name = /^#?(\w+)=/.exec(line)?.[1];
      if (name && !serverEnv.has(name)) expect(interpolated(composeText), `deploy/env.example sets ${name}`).toContain(name);
    }
  });
});

describe('Dockerfile', () => {
  const stages = stagesOf(parseDockerfile(read('Dockerfile')));
  const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('copies from the build context only files that exist and that .dockerignore lets through', () => {
    const copies = stages.flatMap((s) => s.steps.filter((i) => i.keyword === 'COPY').map((i) => parseCopy(i.args)));
    const fromContext = copies.filter((c) => !c.flags.from).flatMap((c) => c.sources).filter((s) => s !== '.');
    expect(fromContext.length).toBeGreaterThan(0);
    for (const source of fromContext) {
      expect(fs.existsSync(path.join(repoRoot, source)), source).toBe(true);
      expect(ignored.some((pattern) => source === pattern || source.startsWith(`${pattern}/`)), `${source} is ignored`).toBe(false);
    }
    // Every workspace's manifest is there for npm ci to match the lockfile.
    const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;
    for (const ws of workspaces) expect(fromContext).toContain(`${ws}/package.json`);
    for (const c of copies.filter((c) => c.flags.from)) expect(stages.map((s) => s.name)).toContain(c.flags.from);
  });

  it('runs the built server as an unprivileged user with a health check on the health route and a data volume', () => {
    const runtime = stages.at(-1);
    const keywords = runtime?.steps.map((i) => `${i.keyword} ${i.args}`) ?? [];
    expect(runtime?.base).toMatch(/^node:20/);
    expect(keywords).toContain('USER node');
    expect(keywords).toContain('VOLUME /data');
    expect(keywords).toContain('CMD ["node", "apps/server/dist/server.js"]');
    expect(read('apps/server/src/core/health.routes.ts')).toContain("'/api/health'");
    expect(keywords.find((k) => k.startsWith('HEALTHCHECK'))).toContain('/api/health');
    const env = keywords.find((k) => k.startsWith('ENV ')) ?? '';
    for (const name of [...env.matchAll(/(\w+)=/g)].map((m) => m[1] ?? '')) {
      if (name !== 'NODE_ENV') expect(serverEnv.has(name), name).toBe(true);
    }
    // The runtime installs nothing from the context: its node_modules come from the production-only stage.
    expect(runtime?.steps.some((i) => i.keyword === 'RUN' && i.args.includes('npm'))).toBe(false);
    const deps = stages.find((s) => s.name === 'deps');
    expect(deps?.steps.map((i) => i.args)).toContain('npm ci --omit=dev --workspace apps/server --no-audit --no-fund');
  });
});

describe('docs/deploy.md', () => {
  it('lists every setting the server reads, and only those', () => {
    expect([...documentedServerEnv()].sort()).toEqual([...serverEnv].sort());
  });
});
