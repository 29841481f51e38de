import fs from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { DomainError } from '@roaauto/shared';
import { apiNotFound } from './errors';

/**
 * The one policy for every answer: the PWA, its workers, the API and the API docs page. Nothing inline
 * and nothing from elsewhere: scripts, styles, workers, the wasm and every fetch come from this origin.
 * 'wasm-unsafe-eval' lets wa-sqlite compile its WebAssembly (it allows no JavaScript eval); images may be
 * data: URLs (the company logo is stored as one) and blob: URLs (an order's photos, kept on the device or
 * fetched with the sign-in, are shown from object URLs). A worker (module or service) gets the policy from its
 * own script's answer, which is this same header. Browsers report what it blocks to /api/csp-report.
 */
export const contentSecurityPolicy = {
  'default-src': ["'self'"],
  // The hash: index.html's one inline script, which sets zod's jitless before zod loads.
  'script-src': ["'self'", "'wasm-unsafe-eval'", "'sha256-QvXjKBZtNxsHgzuq+c2DHp3exm200vZs5UGYKsujJdQ='"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'report-uri': ['/api/csp-report'],
};

/**
 * Browser features no page uses are switched off for this origin and anything it might embed; Web
 * Share stays (documents are shared from the phone) and the camera is the app's own (the warehouse's
 * barcode scanner; photos of a car go through the file picker and need no permission).
 */
const permissionsPolicy = [
  'accelerometer=()', 'autoplay=()', 'bluetooth=()', 'browsing-topics=()', 'camera=(self)', 'display-capture=()',
  'geolocation=()', 'gyroscope=()', 'hid=()', 'magnetometer=()', 'microphone=()', 'midi=()', 'payment=()',
  'publickey-credentials-get=()', 'screen-wake-lock=()', 'serial=()', 'usb=()', 'xr-spatial-tracking=()',
  'web-share=(self)',
].join(', ');

/**
 * Security headers on every answer. HSTS only on answers that came over HTTPS (directly or through a
 * trusted proxy): sent over plain HTTP it would be ignored at best, and a wrong one locks browsers out.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('permissions-policy', permissionsPolicy);
    if (request.protocol === 'https') void reply.header('strict-transport-security', 'max-age=31536000');
  });
}

const cspReportTypes = ['application/csp-report', 'application/reports+json'];

type Report = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 300) : undefined);

/** The fields an operator needs from one report, in either format (report-uri's or the Reporting API's). */
function violations(body: unknown): Report[] {
  const legacy = (body as Report | null)?.['csp-report'];
  const items: unknown[] = legacy ? [legacy] : Array.isArray(body) ? body.map((r) => (r as Report | null)?.body) : [];
  return items.filter((r): r is Report => typeof r === 'object' && r !== null).slice(0, 10).map((r) => ({
    document: text(r['document-uri'] ?? r.documentURL),
    directive: text(r['effective-directive'] ?? r.effectiveDirective ?? r['violated-directive']),
    blocked: text(r['blocked-uri'] ?? r.blockedURL),
    source: text(r['source-file'] ?? r.sourceFile),
    line: text(r['line-number'] ?? r.lineNumber),
  }));
}

/**
 * Where browsers report what the policy blocked, in pages and in workers alike: one warning in the log
 * per violation, so a page that breaks under the policy is noticed. Rate-limited and answered 204.
 */
export const cspReportRoutes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(cspReportTypes, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string) as unknown);
    } catch {
      done(new DomainError('invalid_json', 'The report is not valid JSON'), undefined);
    }
  });
  app.post('/api/csp-report', {
    bodyLimit: 16 * 1024,
    config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags: ['core'], summary: 'Content-Security-Policy violation reports from browsers (application/csp-report)' },
  }, async (request, reply) => {
    for (const violation of violations(request.body)) request.log.warn({ violation }, 'content security policy violation');
    return reply.code(204).send();
  });
};

/** Files that must be revalidated on every load so a new release reaches the browser. */
const noCache = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

/**
 * Serves the built PWA: hashed assets cached for a year, the shell revalidated, and every unknown
 * page path answered with index.html so client-side routes survive a reload. The API never falls
 * back to HTML.
 */
export async function registerStatic(app: FastifyInstance, staticDir: string): Promise<void> {
  const hasWebApp = fs.existsSync(path.join(staticDir, 'index.html'));
  if (!hasWebApp) {
    app.log.warn({ staticDir }, 'web app not built: only the API is served (run `npm run build`)');
  } else {
    await app.register(fastifyStatic, {
      root: staticDir,
      wildcard: true,
      index: ['index.html'],
      cacheControl: false,
      setHeaders(reply, filePath) {
        const name = path.basename(filePath);
        if (noCache.has(name)) reply.header('Cache-Control', 'no-cache');
        else if (filePath.includes(`${path.sep}assets${path.sep}`))
          reply.header('Cache-Control', 'public, max-age=31536000, immutable');
        else reply.header('Cache-Control', 'public, max-age=3600');
      },
    });
  }

  app.setNotFoundHandler((request, reply) => {
    // The client portal's public pages (/p/…) are the server's own: never the web app's shell.
    const isApi = request.url === '/api' || request.url.startsWith('/api/') || request.url.startsWith('/p/');
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD')
      && (request.headers.accept ?? '').includes('text/html');
    if (hasWebApp && !isApi && isPage) {
      return reply.sendFile('index.html');
    }
    return apiNotFound(request, reply);
  });
}
