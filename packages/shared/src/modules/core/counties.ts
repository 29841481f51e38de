/**
 * Romania's counties by their ISO 3166-2:RO codes (the e-Factura `CountrySubentity` is `RO-` + code).
 * Bucharest is `B`; its addresses name the sector (`SECTOR1`..`SECTOR6`) as the city.
 */
export const counties = [
  ['AB', 'Alba'], ['AR', 'Arad'], ['AG', 'Argeș'], ['BC', 'Bacău'], ['BH', 'Bihor'], ['BN', 'Bistrița-Năsăud'],
  ['BT', 'Botoșani'], ['BR', 'Brăila'], ['BV', 'Brașov'], ['B', 'București'], ['BZ', 'Buzău'], ['CL', 'Călărași'],
  ['CS', 'Caraș-Severin'], ['CJ', 'Cluj'], ['CT', 'Constanța'], ['CV', 'Covasna'], ['DB', 'Dâmbovița'], ['DJ', 'Dolj'],
  ['GL', 'Galați'], ['GR', 'Giurgiu'], ['GJ', 'Gorj'], ['HR', 'Harghita'], ['HD', 'Hunedoara'], ['IL', 'Ialomița'],
  ['IS', 'Iași'], ['IF', 'Ilfov'], ['MM', 'Maramureș'], ['MH', 'Mehedinți'], ['MS', 'Mureș'], ['NT', 'Neamț'],
  ['OT', 'Olt'], ['PH', 'Prahova'], ['SJ', 'Sălaj'], ['SM', 'Satu Mare'], ['SB', 'Sibiu'], ['SV', 'Suceava'],
  ['TR', 'Teleorman'], ['TM', 'Timiș'], ['TL', 'Tulcea'], ['VL', 'Vâlcea'], ['VS', 'Vaslui'], ['VN', 'Vrancea'],
] as const satisfies readonly (readonly [string, string])[];

export type CountyCode = (typeof counties)[number][0];

const names = new Map<string, string>(counties);

export function isCountyCode(code: string): code is CountyCode {
  return names.has(code);
}

export function countyName(code: string): string | null {
  return names.get(code) ?? null;
}

/** Bucharest's sectors, as e-Factura writes them in the city name. */
export const bucharestSectors = ['SECTOR1', 'SECTOR2', 'SECTOR3', 'SECTOR4', 'SECTOR5', 'SECTOR6'] as const;

/** "Sector 3", "sectorul 3", "S3", "SECTOR3" → "SECTOR3"; null when it names no sector. */
export function bucharestSector(city: string): (typeof bucharestSectors)[number] | null {
  const m = /^\s*(?:sector(?:ul)?|s)\s*\.?\s*([1-6])\s*$/i.exec(city);
  return m ? (`SECTOR${m[1]}` as (typeof bucharestSectors)[number]) : null;
}

/** True for a Bucharest address whose locality names no sector (e-Factura wants SECTOR1..6 there). */
export function needsSector(judet: string, localitate: string): boolean {
  return judet === 'B' && bucharestSector(localitate) === null;
}
