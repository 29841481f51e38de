import type { FastifyInstance } from 'fastify';
import { DomainError, isStorableText } from '@roaauto/shared';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging
  interface FastifyContextConfig {
    /**
     * The route checks the text of its body item by item (a sync push refuses one mutation, not the
     * whole push); the request-wide check then looks only at the address and the query.
     */
    bodyTextCheckedPerItem?: boolean;
  }
}

/** The first path (e.g. "body.company.name") whose key or text value the engines cannot store, or null. */
function unstorablePath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorablePath(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!isStorableText(k)) return `${path}.(key)`;
      const found = unstorablePath(v, `${path}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Refuses, before any route sees it, a request whose address, query or JSON body holds text that
 * PostgreSQL cannot store (a NUL) or that has no UTF-8 form (a lone surrogate): SQLite would take what
 * PostgreSQL refuses with an error, so every route, present and future, answers 400 on both engines
 * instead of a 500 on one. Bodies are small here (a sync push, the big one, checks per mutation) and at
 * most 32 levels deep (the JSON depth limit), so the walk is cheap.
 */
export function refuseUnstorableInput(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const found = unstorablePath(request.params, 'params') ?? unstorablePath(request.query, 'query')
      ?? (request.routeOptions.config.bodyTextCheckedPerItem ? null : unstorablePath(request.body, 'body'));
    if (found) throw new DomainError('validation_failed', `${found}: text with a NUL character or broken Unicode cannot be stored`);
  });
}
