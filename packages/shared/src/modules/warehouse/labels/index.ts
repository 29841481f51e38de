/**
 * Barcodes and product labels. The validation (`barcode.ts`) is light and may be used anywhere; the
 * label PDF and the SVG bars bring bwip-js, so the web app imports them lazily, where labels are made.
 */
export * from './barcode';
export { barcodeSvg, humanReadable, type BarcodeSvg } from './barcode-svg';
export { labelLayoutIds, labelLayouts, labelsDefinition, type LabelLayout, type LabelLayoutId, type ProductLabel } from './label-pdf';
