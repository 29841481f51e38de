import type { PickedMaterial } from '@/modules/workshop/slots';

/** What picking a product puts on a material line: its id, name, unit and sale price. */
export function pickedOf(p: { id: string; nume: string; um: string; pret_vanzare: number; anv_dimensiune?: string | null }): PickedMaterial {
  return { product_id: p.id, descriere: p.nume, um: p.um, pret_unitar: p.pret_vanzare };
}
