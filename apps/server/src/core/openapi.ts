import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { appName } from '@roaauto/shared';
import { serverVersion } from '../version';

/** OpenAPI made from the routes' own zod schemas; UI at /api/docs, JSON at /api/docs/json. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: `${appName} API`, version: serverVersion },
      servers: [],
    },
    transform: jsonSchemaTransform,
  });
  // BaseLayout: the standalone layout's top bar draws an SVG logo with an inline <style>, which the
  // page's Content-Security-Policy (the app's own, see static.ts) refuses; the rest of the UI runs under it.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { layout: 'BaseLayout' } });
}
