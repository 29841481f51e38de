#!/usr/bin/env node
// Performs the Dockerfile's steps without a container engine, to check the image where none can run:
// every stage's COPY and `npm` RUN steps into a temporary folder (the build stage is this working
// tree: run `npm run build` first), then the runtime stage's CMD with its ENV, then its HEALTHCHECK
// command against it, and the PWA's page. Steps that set up the system (apt-get, mkdir, chown) and
// USER are listed as skipped. Usage: node scripts/image-steps.mjs [--keep]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');

/** The Dockerfile as instructions: continuation lines joined, comments dropped. */
export function parseDockerfile(text) {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

/** Stages by name (or index), each with its base and instructions. */
export function stagesOf(instructions) {
  const args = {};
  const stages = [];
  for (const ins of instructions) {
    if (ins.keyword === 'ARG' && !stages.length) {
      const [name, value = ''] = ins.args.split('=');
      args[name] = value;
    } else if (ins.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`FROM not understood: ${ins.args}`);
      const base = m[1].replace(/\$\{(\w+)\}/g, (_, n) => args[n] ?? '');
      stages.push({ name: m[2] ?? String(stages.length), base, steps: [] });
    } else if (stages.length) {
      stages.at(-1).steps.push(ins);
    }
  }
  return stages;
}

/** COPY's flags, sources and destination (shell form). */
export function parseCopy(argsText) {
  const words = argsText.split(/\s+/);
  const flags = {};
  while (words[0]?.startsWith('--')) {
    const [k, v = ''] = words.shift().slice(2).split('=');
    flags[k] = v;
  }
  const dest = words.pop();
  return { flags, sources: words, dest };
}

function log(text) {
  process.stdout.write(`${text}\n`);
}

function copyInto(src, dest) {
  if (!fs.existsSync(src)) throw new Error(`COPY source missing: ${src}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(src, dest, { recursive: true, verbatimSymlinks: true });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function duMb(dir) {
  return Number(execFileSync('du', ['-sm', dir], { encoding: 'utf8' }).split('\t')[0]);
}

async function main() {
  const stages = stagesOf(parseDockerfile(fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8')));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-image-'));
  /** Each stage's filesystem: a folder that stands for its `/`. The build stage is the working tree. */
  const roots = {};
  const workdirs = {};
  const envs = {};
  const buildStage = stages.find((s) => s.steps.some((i) => i.keyword === 'RUN' && /npm run build/.test(i.args)));
  if (!buildStage) throw new Error('no stage runs npm run build');
  for (const out of ['apps/server/dist/server.js', 'apps/server/dist/migrate-cli.js', 'apps/server/public/index.html']) {
    if (!fs.existsSync(path.join(repoRoot, out))) throw new Error(`${out} is missing: run npm run build first`);
  }
  const inRoot = (stage, p) => path.join(roots[stage], p.startsWith('/') ? p : path.join(workdirs[stage], p));
  let runtime;
  try {
    for (const stage of stages) {
      if (stage === buildStage) {
        // Its WORKDIR is this working tree, already installed and built.
        roots[stage.name] = '/';
        workdirs[stage.name] = repoRoot;
        log(`stage ${stage.name}: this working tree (npm ci and npm run build done here)`);
        continue;
      }
      const parent = stages.find((s) => s.name === stage.base);
      roots[stage.name] = path.join(tmp, stage.name);
      if (parent) fs.cpSync(roots[parent.name], roots[stage.name], { recursive: true, verbatimSymlinks: true });
      else fs.mkdirSync(roots[stage.name], { recursive: true });
      workdirs[stage.name] = parent ? workdirs[parent.name] : '/';
      envs[stage.name] = parent ? { ...envs[parent.name] } : {};
      log(`stage ${stage.name} (from ${stage.base})`);
      for (const { keyword, args } of stage.steps) {
        if (keyword === 'WORKDIR') {
          workdirs[stage.name] = args.startsWith('/') ? args : path.join(workdirs[stage.name], args);
          fs.mkdirSync(inRoot(stage.name, '.'), { recursive: true });
        } else if (keyword === 'ENV') {
          for (const m of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) envs[stage.name][m[1]] = m[2].replace(/^"|"$/g, '');
        } else if (keyword === 'COPY') {
          const { flags, sources, dest } = parseCopy(args);
          const from = flags.from;
          for (const source of sources) {
            const src = from
              ? (from === buildStage.name ? path.join(repoRoot, path.relative(workdirOf(stages, buildStage), source)) : path.join(roots[from], source))
              : path.join(repoRoot, source);
            const target = dest.endsWith('/') || sources.length > 1 ? path.join(inRoot(stage.name, dest), path.basename(source)) : inRoot(stage.name, dest);
            copyInto(src, target);
          }
          log(`  COPY ${args}`);
        } else if (keyword === 'RUN' && args.startsWith('npm ')) {
          const started = Date.now();
          log(`  RUN ${args}`);
          execFileSync('sh', ['-c', args], {
            cwd: inRoot(stage.name, '.'),
            stdio: 'inherit',
            env: { ...process.env, ...envs[stage.name], npm_config_prefer_offline: 'true' },
          });
          log(`    (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        } else if (keyword === 'CMD' || keyword === 'HEALTHCHECK') {
          stage[keyword] = args;
        } else {
          log(`  skipped: ${keyword} ${args}`);
        }
      }
      runtime = stage;
    }
    if (!runtime?.CMD || !runtime.HEALTHCHECK) throw new Error('the last stage has no CMD or no HEALTHCHECK');
    const appDir = inRoot(runtime.name, '.');
    log(`runtime tree: ${duMb(appDir)} MB (node_modules ${duMb(path.join(appDir, 'node_modules'))} MB; this working tree's node_modules: ${duMb(path.join(repoRoot, 'node_modules'))} MB)`);

    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      ...envs[runtime.name],
      // The image listens on every interface; here only this machine needs to reach it.
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: path.join(roots[runtime.name], envs[runtime.name].DATA_DIR ?? '/data'),
    };
    const [command, ...commandArgs] = JSON.parse(runtime.CMD);
    log(`start: ${runtime.CMD} (port ${port})`);
    const child = spawn(command, commandArgs, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const started = Date.now();
    try {
      const healthcheck = JSON.parse(runtime.HEALTHCHECK.replace(/^.*?CMD\s+/, ''));
      let healthy = false;
      while (!healthy) {
        if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
        if (Date.now() - started > 90_000) throw new Error(`the health check did not pass in 90 s:\n${output}`);
        const [hcCommand, ...hcArgs] = healthcheck;
        healthy = await new Promise((resolve) => {
          spawn(hcCommand, hcArgs, { env, stdio: 'ignore' }).once('exit', (code) => resolve(code === 0));
        });
        if (!healthy) await new Promise((r) => setTimeout(r, 250));
      }
      log(`HEALTHCHECK passed ${((Date.now() - started) / 1000).toFixed(1)} s after start`);
      const health = await (await fetch(`http://127.0.0.1:${port}/api/health`)).json();
      log(`GET /api/health: ${JSON.stringify(health)}`);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      const html = await page.text();
      if (!page.ok || !html.includes('<div id="app"')) throw new Error(`the PWA's page did not come: ${page.status}`);
      log(`GET /: ${page.status}, the PWA's page (${html.length} bytes)`);
    } finally {
      child.kill('SIGTERM');
      const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
      log(`stopped with SIGTERM: exit code ${code}`);
    }
  } finally {
    if (keep) log(`kept: ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A stage's last WORKDIR, its base stage's when it sets none. */
function workdirOf(stages, stage) {
  const parent = stages.find((s) => s.name === stage.base);
  let dir = parent ? workdirOf(stages, parent) : '/';
  for (const ins of stage.steps) if (ins.keyword === 'WORKDIR') dir = ins.args.startsWith('/') ? ins.args : path.join(dir, ins.args);
  return dir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
