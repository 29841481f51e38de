import { euclideanMatrix } from './matrix';
import type { RoutingProblem, TravelMatrix } from './types';

/** A published benchmark instance as a routing problem (location 0 is the depot). */
export type BenchmarkInstance = {
  name: string;
  problem: RoutingProblem;
  matrix: TravelMatrix;
};

/**
 * A TSPLIB file of type TSP with EUC_2D coordinates (distances rounded to the nearest integer, as TSPLIB
 * defines): the first city is the depot of one vehicle with a closed tour through all the others.
 */
export function parseTsplib(text: string): BenchmarkInstance {
  const lines = text.split(/\r?\n/);
  const header = (key: string) => lines.find((l) => l.startsWith(key))?.split(':')[1]?.trim() ?? '';
  if (header('EDGE_WEIGHT_TYPE') !== 'EUC_2D') throw new Error('only EUC_2D TSPLIB instances are read');
  const start = lines.findIndex((l) => l.trim() === 'NODE_COORD_SECTION');
  const points: { x: number; y: number }[] = [];
  for (const line of lines.slice(start + 1)) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === 'EOF' || parts.length < 3) break;
    points.push({ x: Number(parts[1]), y: Number(parts[2]) });
  }
  const dimension = Number(header('DIMENSION'));
  if (points.length !== dimension) throw new Error(`${points.length} cities read, DIMENSION says ${dimension}`);
  return {
    name: header('NAME'),
    matrix: euclideanMatrix(points, { round: true }),
    problem: {
      stops: points.slice(1).map((_, i) => ({ id: String(i + 2), location: i + 1 })),
      vehicles: [{ id: 'v1', start: 0, end: 0 }],
    },
  };
}

/**
 * A Solomon VRPTW file: a fleet of identical vehicles, customer 0 the depot (its due date the end of the
 * horizon), Euclidean distances not rounded, travel time = distance.
 */
export function parseSolomon(text: string): BenchmarkInstance {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const name = lines[0] ?? '';
  const numbers = (l: string) => l.split(/\s+/).map(Number);
  const fleetLine = lines.findIndex((l) => l.startsWith('NUMBER'));
  const [vehicleCount = 0, capacity = 0] = numbers(lines[fleetLine + 1] ?? '');
  const rows = lines.filter((l) => /^\d/.test(l)).map(numbers).filter((r) => r.length === 7);
  const depot = rows[0];
  if (!depot) throw new Error('no depot row');
  const points = rows.map((r) => ({ x: r[1] ?? 0, y: r[2] ?? 0 }));
  return {
    name,
    matrix: euclideanMatrix(points),
    problem: {
      stops: rows.slice(1).map((r, i) => ({
        id: String(r[0]), location: i + 1, demand: [r[3] ?? 0], earliest: r[4], latest: r[5], serviceTime: r[6],
      })),
      vehicles: Array.from({ length: vehicleCount }, (_, i) => ({
        id: `v${i + 1}`, capacity: [capacity], start: 0, end: 0, shiftStart: depot[4], shiftEnd: depot[5],
      })),
    },
  };
}
