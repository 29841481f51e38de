import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { apiNotFound } from './errors';

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
    const isApi = request.url === '/api' || request.url.startsWith('/api/');
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      (request.headers.accept ?? '').includes('text/html');
    if (hasWebApp && !isApi && isPage) {
      return reply.sendFile('index.html');
    }
    return apiNotFound(request, reply);
  });
}
