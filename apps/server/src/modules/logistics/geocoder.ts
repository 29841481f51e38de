import { DomainError } from '@roaauto/shared';
import { z } from 'zod';

/** One place a geocoder found for an address. */
export type GeocodeResult = { lat: number; lon: number; label: string };

/** Where addresses' coordinates come from (docs/logistics.md). */
export type Geocoder = {
  /** `local`: nothing is looked up (the coordinates stored or typed by hand are all there is). */
  readonly name: 'local' | 'nominatim';
  search(query: string): Promise<GeocodeResult[]>;
};

/** The default: no geocoding service, so nothing is found; the pages keep the coordinates they have. */
export const localGeocoder: Geocoder = { name: 'local', search: () => Promise.resolve([]) };

// Nominatim's jsonv2 answer: an array of places; coordinates are strings.
const nominatimAnswer = z.array(z.object({
  lat: z.string(),
  lon: z.string(),
  display_name: z.string(),
}).loose());

/**
 * Nominatim's search API (https://nominatim.org/release-docs/latest/api/Search/): `/search?format=jsonv2&q=…`,
 * limited to Romania and five places, with a User-Agent naming the application as its usage policy asks.
 */
export function nominatimGeocoder(options: { url: string; userAgent: string; timeoutMs?: number; fetch?: typeof fetch }): Geocoder {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'nominatim',
    async search(query) {
      const url = new URL(`${options.url}/search`);
      url.search = new URLSearchParams({ format: 'jsonv2', q: query, countrycodes: 'ro', limit: '5' }).toString();
      let response: Response;
      try {
        response = await doFetch(url, {
          headers: { 'user-agent': options.userAgent, accept: 'application/json', 'accept-language': 'ro' },
          signal: AbortSignal.timeout(options.timeoutMs ?? 8000),
        });
      } catch {
        throw new DomainError('service_unavailable', 'The geocoder cannot be reached');
      }
      if (!response.ok) throw new DomainError('service_unavailable', `The geocoder answered ${response.status}`);
      const parsed = nominatimAnswer.safeParse(await response.json().catch(() => null));
      if (!parsed.success) throw new DomainError('service_unavailable', 'The geocoder answered in an unknown shape');
      return parsed.data.flatMap((p) => {
        const lat = Number(p.lat);
        const lon = Number(p.lon);
        if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return [];
        return [{ lat: Math.round(lat * 1e6) / 1e6, lon: Math.round(lon * 1e6) / 1e6, label: p.display_name }];
      });
    },
  };
}

export function createGeocoder(config: { geocoderUrl?: string | undefined; geocoderUserAgent: string }): Geocoder {
  return config.geocoderUrl ? nominatimGeocoder({ url: config.geocoderUrl, userAgent: config.geocoderUserAgent }) : localGeocoder;
}
