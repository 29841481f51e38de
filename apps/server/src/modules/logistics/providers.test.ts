import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nominatimGeocoder } from './geocoder';
import { osrmEngine } from './road-matrix';

/** A local fake of Nominatim's /search and OSRM's /table, answering in their documented shapes. */
let server: Server;
let base = '';
const seen: IncomingMessage[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (url.pathname === '/search') {
      const q = url.searchParams.get('q') ?? '';
      if (q.includes('eroare')) return json(503, { error: 'busy' });
      if (q.includes('nimic')) return json(200, []);
      return json(200, [
        { place_id: 1, lat: '44.4323897', lon: '26.1019842', display_name: 'Strada Lipscani 1, București, România', category: 'highway', importance: 0.5 },
        { place_id: 2, lat: 'nan', lon: '26', display_name: 'stricat' },
      ]);
    }
    const table = url.pathname.match(/^\/table\/v1\/driving\/(.+)$/);
    if (table) {
      const points = decodeURIComponent(table[1] ?? '').split(';');
      if (points.length > 3) return json(400, { code: 'TooBig', message: 'Too many table coordinates' });
      const n = points.length;
      const cell = (i: number, j: number, f: number) => (i === j ? 0 : (i === 1 && j === 2 ? null : (i + j) * f));
      return json(200, {
        code: 'Ok',
        durations: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => cell(i, j, 60))),
        distances: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => cell(i, j, 1000))),
        sources: [], destinations: [],
      });
    }
    return json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => { server.close(() => resolve()); }));

describe('the Nominatim geocoder against a local fake', () => {
  it('asks for Romania in jsonv2 with a User-Agent, and keeps only well-formed places', async () => {
    const g = nominatimGeocoder({ url: base, userAgent: 'ROA AUTO test (contact@roaauto.test)' });
    expect(await g.search('Strada Lipscani 1')).toEqual([{ lat: 44.43239, lon: 26.101984, label: 'Strada Lipscani 1, București, România' }]);
    const req = seen.at(-1);
    const url = new URL(req?.url ?? '/', 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'jsonv2', q: 'Strada Lipscani 1', countrycodes: 'ro', limit: '5' });
    expect(req?.headers['user-agent']).toBe('ROA AUTO test (contact@roaauto.test)');
  });

  it('answers nothing when nothing is found, and service_unavailable on an HTTP error or no server', async () => {
    const g = nominatimGeocoder({ url: base, userAgent: 'ROA AUTO test' });
    expect(await g.search('nimic aici')).toEqual([]);
    await expect(g.search('eroare')).rejects.toMatchObject({ code: 'service_unavailable' });
    await expect(nominatimGeocoder({ url: 'http://127.0.0.1:9', userAgent: 'x' }).search('oriunde')).rejects.toMatchObject({ code: 'service_unavailable' });
  });
});

describe('the OSRM table adapter against a local fake', () => {
  it('asks for durations and distances at lon,lat and fills a pair OSRM cannot route with the straight-line estimate', async () => {
    const engine = osrmEngine({ url: base });
    const points = [{ lat: 44.4, lon: 26.05 }, { lat: 44.43, lon: 26.1 }, { lat: 44.45, lon: 26.12 }];
    const t = await engine.table(points);
    expect(seen.at(-1)?.url).toBe('/table/v1/driving/26.050000,44.400000;26.100000,44.430000;26.120000,44.450000?annotations=duration,distance');
    expect(t.durations[0]).toEqual([0, 60, 120]);
    expect(t.distances[2]).toEqual([2000, 3000, 0]);
    // 1 → 2 was null: about 2.5 km in a straight line, × 1.3.
    expect(t.distances[1]?.[2]).toBeGreaterThan(2500);
    expect(t.distances[1]?.[2]).toBeLessThan(4500);
  });

  it('answers service_unavailable when OSRM refuses the table or cannot be reached', async () => {
    const four = Array.from({ length: 4 }, (_, i) => ({ lat: 44 + i / 10, lon: 26 }));
    await expect(osrmEngine({ url: base }).table(four)).rejects.toMatchObject({ code: 'service_unavailable' });
    await expect(osrmEngine({ url: 'http://127.0.0.1:9' }).table(four.slice(0, 2))).rejects.toMatchObject({ code: 'service_unavailable' });
  });
});
