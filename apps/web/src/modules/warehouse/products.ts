import {
  productBarcodeKind, formatTyreSize, isDecimal, normalizeDecimalInput, parseMoneyInput, parseTyreSize, tyreSizeKey,
  baniToInput, validDotText, type ProductKind, type TyreSeason, type WriteOp,
} from '@roaauto/shared';

/** A product as the pages read it (without its cost, which is another table). */
export type ProductRow = {
  id: string; tip: ProductKind; cod: string; nume: string; um: string; categorie_tva: string; cota_tva: string; pret_vanzare: number;
  cod_bare: string | null; anv_dimensiune: string | null; anv_cheie: string | null; anv_indice_sarcina: number | null; anv_indice_viteza: string | null;
  anv_sezon: TyreSeason | null; anv_marca: string | null; anv_dot: string | null; stoc_minim: string | null; activ: number;
};

export type ProductListRow = ProductRow & { stoc_milli: number | null };

/** The product search's queries live with the tables (the bench runs them too). */
export { exactProductQuery, productListQuery } from '@roaauto/shared';

export type ProductForm = {
  tip: ProductKind; cod: string; nume: string; um: string; cota_tva: string; pret_vanzare: string; cod_bare: string; stoc_minim: string;
  anv_dimensiune: string; anv_indice_sarcina: string; anv_indice_viteza: string; anv_sezon: TyreSeason | ''; anv_marca: string; anv_dot: string;
  activ: boolean; pret_achizitie: string;
};

export const emptyProductForm = (): ProductForm => ({
  tip: 'piesa', cod: '', nume: '', um: 'buc', cota_tva: '21', pret_vanzare: '', cod_bare: '', stoc_minim: '', anv_dimensiune: '',
  anv_indice_sarcina: '', anv_indice_viteza: '', anv_sezon: '', anv_marca: '', anv_dot: '', activ: true, pret_achizitie: '',
});

export function productFormOf(p: ProductRow, cost: number | null): ProductForm {
  return {
    tip: p.tip, cod: p.cod, nume: p.nume, um: p.um, cota_tva: p.cota_tva, pret_vanzare: baniToInput(p.pret_vanzare), cod_bare: p.cod_bare ?? '',
    stoc_minim: p.stoc_minim ?? '', anv_dimensiune: p.anv_dimensiune ?? '', anv_indice_sarcina: p.anv_indice_sarcina === null ? '' : String(p.anv_indice_sarcina),
    anv_indice_viteza: p.anv_indice_viteza ?? '', anv_sezon: p.anv_sezon ?? '', anv_marca: p.anv_marca ?? '', anv_dot: p.anv_dot ?? '', activ: p.activ === 1,
    pret_achizitie: cost === null ? '' : baniToInput(cost),
  };
}

/** The form's problems by field, as message keys. */
export function productProblems(f: ProductForm): Partial<Record<keyof ProductForm, string>> {
  const p: Partial<Record<keyof ProductForm, string>> = {};
  if (!f.cod.trim()) p.cod = 'warehouse.products.required';
  if (!f.nume.trim()) p.nume = 'warehouse.products.required';
  if (!f.um.trim()) p.um = 'warehouse.products.required';
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(f.cota_tva.trim())) p.cota_tva = 'warehouse.products.badNumber';
  if (parseMoneyInput(f.pret_vanzare || '0') === null) p.pret_vanzare = 'warehouse.products.badNumber';
  if (f.pret_achizitie.trim() && parseMoneyInput(f.pret_achizitie) === null) p.pret_achizitie = 'warehouse.products.badNumber';
  if (f.cod_bare.trim() && !productBarcodeKind(f.cod_bare.trim())) p.cod_bare = 'warehouse.products.badBarcode';
  if (f.stoc_minim.trim() && normalizeDecimalInput(f.stoc_minim, 3) === null) p.stoc_minim = 'warehouse.products.badNumber';
  if (f.tip === 'anvelopa') {
    if (f.anv_dimensiune.trim() && !parseTyreSize(f.anv_dimensiune)) p.anv_dimensiune = 'warehouse.products.badSize';
    const load = f.anv_indice_sarcina.trim();
    if (load && !(/^\d{2,3}$/.test(load) && Number(load) >= 50 && Number(load) <= 170)) p.anv_indice_sarcina = 'warehouse.products.badNumber';
    if (f.anv_dot.trim() && !validDotText(f.anv_dot.trim())) p.anv_dot = 'warehouse.products.badDot';
  }
  return p;
}

/** The writes that save the form: the product, and its cost row when the person may see costs. */
export function productWrites(f: ProductForm, o: { id: string | null; costRowId: string | null; withCosts: boolean }, newId: () => string): { id: string; ops: WriteOp[] } {
  const tyre = f.tip === 'anvelopa';
  const size = tyre && f.anv_dimensiune.trim() ? parseTyreSize(f.anv_dimensiune) : null;
  const data = {
    tip: f.tip, cod: f.cod.trim(), nume: f.nume.trim(), um: f.um.trim(), categorie_tva: Number(f.cota_tva) > 0 ? 'S' : 'Z', cota_tva: f.cota_tva.trim(),
    pret_vanzare: parseMoneyInput(f.pret_vanzare || '0') ?? 0, cod_bare: f.cod_bare.trim() || null,
    anv_dimensiune: size ? formatTyreSize({ ...size, indiceSarcina: null, indiceViteza: null }) : null, anv_cheie: size ? tyreSizeKey(size) : null,
    anv_indice_sarcina: tyre && f.anv_indice_sarcina.trim() ? Number(f.anv_indice_sarcina) : size?.indiceSarcina ?? null,
    anv_indice_viteza: tyre && f.anv_indice_viteza.trim() ? f.anv_indice_viteza.trim().toUpperCase() : size?.indiceViteza ?? null,
    anv_sezon: tyre && f.anv_sezon ? f.anv_sezon : null, anv_marca: tyre && f.anv_marca.trim() ? f.anv_marca.trim() : null,
    anv_dot: tyre && f.anv_dot.trim() ? f.anv_dot.trim() : null,
    stoc_minim: f.stoc_minim.trim() ? normalizeDecimalInput(f.stoc_minim, 3) : null, activ: f.activ ? 1 : 0,
  };
  const id = o.id ?? newId();
  const ops: WriteOp[] = [o.id ? { op: 'update', table: 'products', id, patch: data } : { op: 'create', table: 'products', data: { id, ...data } }];
  const cost = f.pret_achizitie.trim() ? parseMoneyInput(f.pret_achizitie) : null;
  if (o.withCosts && cost !== null) {
    ops.push(o.costRowId ? { op: 'update', table: 'product_costs', id: o.costRowId, patch: { pret_achizitie: cost } }
      : { op: 'create', table: 'product_costs', data: { product_id: id, pret_achizitie: cost } });
  }
  return { id, ops };
}

export const isQuantity = (text: string): boolean => isDecimal(text);
