import { describe, expect, it } from 'vitest';
import { defaultLogisticsSettings, planDay, planLocations, routesTable, routeStopsTable, rowSchemas } from '@roaauto/shared';
import { decimalText, planInput, planWrites, reorderWrites, travelMatrix, type PointRow, type VehicleRow } from './planner';

const point = (id: string, lat: number, lon: number, patch: Partial<PointRow> = {}): PointRow => ({
  id, name: id, address: `${id} 1`, lat: String(lat), lon: String(lon), geocode_source: 'pin', window_from: null, window_to: null, service_minutes: 10,
  access_notes: null, contact_name: null, contact_phone: null, demand_kg: '300', demand_m3: null, demand_pallets: 1, active: 1, client_id: null, ...patch,
});
const van = (id: string): VehicleRow & { driverUserId: string | null } => ({
  id, name: id, plate: null, capacity_kg: '1000', capacity_m3: null, capacity_pallets: null, active: 1, driverUserId: null,
});
const settings = { ...defaultLogisticsSettings, depot_lat: '44.41', depot_lon: '26.06' };

describe('the planning page\'s writes', () => {
  it('writes valid routes and stops for a plan: every stop once, ETAs from the plan', () => {
    const pts = [point('a', 44.46, 26.1), point('b', 44.43, 26.0), point('c', 44.42, 26.16), point('d', 44.38, 26.12), point('e', 44.45, 26.09)];
    const input = planInput({ lat: 44.41, lon: 26.06 }, settings, pts, [van('v1'), van('v2')]);
    const plan = planDay(input, travelMatrix(planLocations(input), null, 40), { maxIterations: 300, seed: 1 });
    expect(plan.routes).toHaveLength(2); // 5 × 300 kg on vans of 1,000 kg
    const ops = planWrites(plan, input, '2026-12-08', settings);
    const routes = ops.filter((o) => o.op === 'create' && o.table === 'routes');
    const stops = ops.filter((o) => o.op === 'create' && o.table === 'route_stops');
    expect(routes).toHaveLength(2);
    expect(stops.map((o) => (o.op === 'create' ? o.data.point_id : null)).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const o of ops) {
      if (o.op !== 'create') continue;
      const { id: _id, ...data } = o.data;
      const table = o.table === 'routes' ? routesTable : routeStopsTable;
      const parsed = rowSchemas(table).full.safeParse(o.table === 'route_stops' ? { ...data, route_id: '00000000-0000-4000-8000-000000000000', point_id: '00000000-0000-4000-8000-000000000001' } : { ...data, vehicle_id: '00000000-0000-4000-8000-000000000002' });
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it('recomputes sequences and ETAs after a reorder, flagging a stop past its window', () => {
    const route = { id: 'r', depot_lat: '44.41', depot_lon: '26.06', depot_opens: '08:00', depot_closes: '18:00' };
    const near = { id: 's1', lat: '44.42', lon: '26.07', window_from: null, window_to: '08:10', service_minutes: 10 };
    const far = { id: 's2', lat: '44.50', lon: '26.20', window_from: null, window_to: null, service_minutes: 10 };
    const first = reorderWrites(route, [near, far], 40);
    expect(first.late.size).toBe(0);
    const second = reorderWrites(route, [far, near], 40);
    expect([...second.late]).toEqual(['s1']);
    const patches = second.ops.filter((o) => o.op === 'update' && o.table === 'route_stops').map((o) => (o.op === 'update' ? o.patch : {}));
    expect(patches.map((p) => p.sequence)).toEqual([1, 2]);
    expect(Number(patches[1]?.planned_arrival_s)).toBeGreaterThan(Number(patches[0]?.planned_arrival_s));
    const routePatch = second.ops.find((o) => o.op === 'update' && o.table === 'routes');
    expect(routePatch && routePatch.op === 'update' ? routePatch.patch.planned_distance_m : 0).toBeGreaterThan(0);
  });

  it('writes decimals as the columns take them', () => {
    expect(decimalText(300, 2)).toBe('300');
    expect(decimalText(1.23456, 3)).toBe('1.235');
    expect(decimalText(0, 2)).toBeNull();
    expect(decimalText(null, 2)).toBeNull();
  });
});
