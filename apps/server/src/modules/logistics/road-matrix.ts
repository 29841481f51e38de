import { DomainError, straightLineMatrix, type GeoPoint } from '@roaauto/shared';
import { z } from 'zod';

/** Distances (metres) and durations (seconds) between points, row = from, column = to. */
export type RoadTables = { distances: number[][]; durations: number[][] };

/** Where road distances come from (docs/logistics.md); without an engine the browser estimates them itself. */
export type RoutingEngine = {
  readonly name: 'osrm';
  table(points: readonly GeoPoint[]): Promise<RoadTables>;
};

const table = z.array(z.array(z.number().nullable()));
const osrmAnswer = z.object({ code: z.string(), durations: table.optional(), distances: table.optional(), message: z.string().optional() }).loose();

/**
 * OSRM's table service (https://project-osrm.org/docs/v5.24.0/api/#table-service):
 * `/table/v1/driving/{lon},{lat};…?annotations=duration,distance`. A pair OSRM cannot route (null) gets the
 * straight-line estimate, so a plan is never blocked by one unreachable cell.
 */
export function osrmEngine(options: { url: string; timeoutMs?: number; fetch?: typeof fetch }): RoutingEngine {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'osrm',
    async table(points) {
      const coordinates = points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
      const url = `${options.url}/table/v1/driving/${coordinates}?annotations=duration,distance`;
      let response: Response;
      try {
        response = await doFetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
      } catch {
        throw new DomainError('service_unavailable', 'The routing engine cannot be reached');
      }
      const parsed = osrmAnswer.safeParse(await response.json().catch(() => null));
      if (!response.ok || !parsed.success || parsed.data.code !== 'Ok') {
        throw new DomainError('service_unavailable', `The routing engine refused the table (${response.status}${parsed.success ? ` ${parsed.data.code}` : ''})`);
      }
      const { durations, distances } = parsed.data;
      const n = points.length;
      if (!durations || !distances || durations.length !== n || distances.length !== n || [...durations, ...distances].some((r) => r.length !== n)) {
        throw new DomainError('service_unavailable', 'The routing engine answered a table of another size');
      }
      const fallback = straightLineMatrix(points);
      return {
        distances: distances.map((row, i) => row.map((v, j) => v ?? Math.round(fallback.distance(i, j)))),
        durations: durations.map((row, i) => row.map((v, j) => v ?? Math.round(fallback.duration(i, j)))),
      };
    },
  };
}

export function createRoutingEngine(config: { routingUrl?: string | undefined }): RoutingEngine | null {
  return config.routingUrl ? osrmEngine({ url: config.routingUrl }) : null;
}
