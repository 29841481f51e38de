import type { GeoPoint, TravelMatrix, TravelMatrixProvider } from './types';

/** A matrix from full tables (row = from, column = to); durations default to the distances. */
export function denseMatrix(distances: readonly (readonly number[])[], durations?: readonly (readonly number[])[]): TravelMatrix {
  const size = distances.length;
  const flat = (rows: readonly (readonly number[])[], name: string) => {
    const out = new Float64Array(size * size);
    rows.forEach((row, i) => {
      if (row.length !== size) throw new Error(`${name} row ${i} has ${row.length} values, expected ${size}`);
      row.forEach((value, j) => { out[i * size + j] = value; });
    });
    return out;
  };
  const distance = flat(distances, 'distance');
  if (durations && durations.length !== size) throw new Error(`duration has ${durations.length} rows, expected ${size}`);
  const duration = durations ? flat(durations, 'duration') : distance;
  return {
    size,
    distance: (from, to) => distance[from * size + to] ?? Number.POSITIVE_INFINITY,
    duration: (from, to) => duration[from * size + to] ?? Number.POSITIVE_INFINITY,
  };
}

/**
 * Plane coordinates (benchmarks, warehouse floors): Euclidean distances, rounded to the nearest integer when
 * `round` (TSPLIB's EUC_2D), and durations = distance / `speed` (default 1: one unit of time per unit of distance,
 * as in Solomon's instances).
 */
export function euclideanMatrix(points: readonly { x: number; y: number }[], options: { round?: boolean; speed?: number } = {}): TravelMatrix {
  const size = points.length;
  const speed = options.speed ?? 1;
  const distance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const a = points[i];
      const b = points[j];
      if (!a || !b) continue;
      const d = Math.hypot(a.x - b.x, a.y - b.y);
      distance[i * size + j] = options.round ? Math.floor(d + 0.5) : d;
    }
  }
  return {
    size,
    distance: (from, to) => distance[from * size + to] ?? Number.POSITIVE_INFINITY,
    duration: (from, to) => (distance[from * size + to] ?? Number.POSITIVE_INFINITY) / speed,
  };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine). */
export function haversineMetres(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The offline fallback: straight-line distance × a road factor (default 1.3), in metres, driven at an average
 * speed (default 40 km/h), in seconds.
 */
export function straightLineMatrix(points: readonly GeoPoint[], options: { roadFactor?: number; speedKmh?: number } = {}): TravelMatrix {
  const roadFactor = options.roadFactor ?? 1.3;
  const metresPerSecond = ((options.speedKmh ?? 40) * 1000) / 3600;
  if (!(roadFactor >= 1) || !(metresPerSecond > 0)) throw new Error('roadFactor must be ≥ 1 and speedKmh > 0');
  const size = points.length;
  const distance = new Float64Array(size * size);
  for (let i = 0; i < size; i++) {
    for (let j = i + 1; j < size; j++) {
      const a = points[i];
      const b = points[j];
      if (!a || !b) continue;
      const d = haversineMetres(a, b) * roadFactor;
      distance[i * size + j] = d;
      distance[j * size + i] = d;
    }
  }
  return {
    size,
    distance: (from, to) => distance[from * size + to] ?? Number.POSITIVE_INFINITY,
    duration: (from, to) => (distance[from * size + to] ?? Number.POSITIVE_INFINITY) / metresPerSecond,
  };
}

/** The straight-line fallback as a provider, for where a routing engine's table adapter goes. */
export function straightLineProvider(options: { roadFactor?: number; speedKmh?: number } = {}): TravelMatrixProvider {
  return { matrix: (points) => Promise.resolve(straightLineMatrix(points, options)) };
}
