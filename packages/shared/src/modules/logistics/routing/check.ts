import type { RoutingProblem, RoutingSolution, TravelMatrix } from './types';

const EPSILON = 1e-6;

/**
 * Checks a plan from scratch against its problem: every stop served exactly once or reported unassigned, each
 * vehicle used at most once, loads within capacity, service started within each window, each route within its
 * shift, and the figures (times, distances) as the matrix gives them. Returns the violations found, empty when
 * the plan is feasible.
 */
export function checkSolution(problem: RoutingProblem, matrix: TravelMatrix, solution: RoutingSolution): string[] {
  const errors: string[] = [];
  const stops = new Map(problem.stops.map((s) => [s.id, s]));
  const vehicles = new Map(problem.vehicles.map((v) => [v.id, v]));
  const seen = new Map<string, number>();
  const count = (id: string) => seen.set(id, (seen.get(id) ?? 0) + 1);
  const usedVehicles = new Set<string>();
  let total = 0;
  for (const route of solution.routes) {
    const vehicle = vehicles.get(route.vehicleId);
    if (!vehicle) {
      errors.push(`route of unknown vehicle ${route.vehicleId}`);
      continue;
    }
    if (usedVehicles.has(vehicle.id)) errors.push(`vehicle ${vehicle.id} has two routes`);
    usedVehicles.add(vehicle.id);
    if (route.departure < (vehicle.shiftStart ?? 0) - EPSILON) errors.push(`vehicle ${vehicle.id} leaves before its shift`);
    const load: number[] = [];
    let time = route.departure;
    let prev = vehicle.start;
    let distance = 0;
    for (const visit of route.visits) {
      count(visit.stopId);
      const stop = stops.get(visit.stopId);
      if (!stop) {
        errors.push(`unknown stop ${visit.stopId}`);
        continue;
      }
      const arrival = time + matrix.duration(prev, stop.location);
      distance += matrix.distance(prev, stop.location);
      const begin = Math.max(arrival, stop.earliest ?? Number.NEGATIVE_INFINITY);
      if (Math.abs(arrival - visit.arrival) > EPSILON || Math.abs(begin - visit.begin) > EPSILON) {
        errors.push(`stop ${stop.id}: planned times differ from the matrix's`);
      }
      if (begin > (stop.latest ?? Number.POSITIVE_INFINITY) + EPSILON) errors.push(`stop ${stop.id} served at ${begin}, after its window closes at ${stop.latest}`);
      (stop.demand ?? []).forEach((d, k) => { load[k] = (load[k] ?? 0) + d; });
      time = begin + (stop.serviceTime ?? 0);
      prev = stop.location;
    }
    if (vehicle.end !== undefined && route.visits.length > 0) {
      time += matrix.duration(prev, vehicle.end);
      distance += matrix.distance(prev, vehicle.end);
    }
    if (time > (vehicle.shiftEnd ?? Number.POSITIVE_INFINITY) + EPSILON) errors.push(`vehicle ${vehicle.id} ends at ${time}, after its shift ends at ${vehicle.shiftEnd}`);
    load.forEach((l, k) => {
      const capacity = vehicle.capacity?.[k] ?? Number.POSITIVE_INFINITY;
      if (l > capacity + EPSILON) errors.push(`vehicle ${vehicle.id} carries ${l} of capacity ${k}, more than ${capacity}`);
    });
    if (Math.abs(distance - route.distance) > EPSILON * Math.max(1, distance)) errors.push(`vehicle ${vehicle.id}: distance ${route.distance} planned, ${distance} by the matrix`);
    total += distance;
  }
  for (const { stopId } of solution.unassigned) count(stopId);
  for (const stop of problem.stops) {
    const times = seen.get(stop.id) ?? 0;
    if (times !== 1) errors.push(`stop ${stop.id} appears ${times} times`);
  }
  for (const id of seen.keys()) if (!stops.has(id)) errors.push(`unknown stop ${id} in the plan`);
  if (Math.abs(total - solution.distance) > EPSILON * Math.max(1, total)) errors.push(`total distance ${solution.distance} planned, ${total} by the matrix`);
  if (solution.vehiclesUsed !== solution.routes.length) errors.push(`${solution.vehiclesUsed} vehicles counted, ${solution.routes.length} routes`);
  return errors;
}
