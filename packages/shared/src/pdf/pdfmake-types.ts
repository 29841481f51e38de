/**
 * The part of pdfmake's document-definition format these PDFs use, typed here rather than taken from
 * @types/pdfmake: those typings reference the DOM library and @types/node, and importing them would put
 * both into the shared package's program, where neither belongs.
 */

export type PdfMargins = number | [number, number] | [number, number, number, number];
export type PdfAlignment = 'left' | 'center' | 'right' | 'justify';
export type PdfWidth = number | '*' | 'auto';

/** Style properties any node (and a table cell) can carry. */
export type PdfStyle = {
  font?: string;
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  fillColor?: string;
  alignment?: PdfAlignment;
  lineHeight?: number;
  characterSpacing?: number;
  margin?: PdfMargins;
  noWrap?: boolean;
};

type NodeBase = PdfStyle & {
  style?: string | string[];
  /** Width when the node is a column of `columns`. */
  width?: PdfWidth;
  colSpan?: number;
  rowSpan?: number;
  /** Cell borders: left, top, right, bottom. */
  border?: [boolean, boolean, boolean, boolean];
  /** Keeps the node on one page when it fits. */
  unbreakable?: boolean;
  pageBreak?: 'before' | 'after';
  /** Places the node at a point of the page (in points from its top left), outside the flow. */
  absolutePosition?: { x: number; y: number };
};

/** A styled run inside a text node. */
export type PdfSpan = PdfStyle & { text: string | PdfInline[]; style?: string | string[] };
export type PdfInline = string | PdfSpan;

export type PdfText = NodeBase & { text: string | PdfInline[] };
export type PdfStack = NodeBase & { stack: PdfContent[] };
export type PdfColumns = NodeBase & { columns: PdfContent[]; columnGap?: number };
export type PdfList = NodeBase & { ul: PdfContent[]; type?: 'disc' | 'circle' | 'square' | 'none' };
export type PdfImage = NodeBase & { image: string; fit?: [number, number]; height?: number };
export type PdfCanvas = NodeBase & {
  canvas: { type: 'line'; x1: number; y1: number; x2: number; y2: number; lineWidth?: number; lineColor?: string }[];
};

/** What pdfmake hands a table layout's callbacks. */
export type PdfTableNode = { table: { body: unknown[][]; headerRows?: number; widths?: unknown[] } };

export type PdfTableLayout = {
  hLineWidth?: (i: number, node: PdfTableNode) => number;
  vLineWidth?: (i: number, node: PdfTableNode) => number;
  hLineColor?: (i: number, node: PdfTableNode) => string;
  vLineColor?: (i: number, node: PdfTableNode) => string;
  fillColor?: (rowIndex: number, node: PdfTableNode, columnIndex: number) => string | null;
  paddingLeft?: (i: number, node: PdfTableNode) => number;
  paddingRight?: (i: number, node: PdfTableNode) => number;
  paddingTop?: (i: number, node: PdfTableNode) => number;
  paddingBottom?: (i: number, node: PdfTableNode) => number;
};

export type PdfTable = NodeBase & {
  table: {
    body: PdfContent[][];
    widths?: PdfWidth[];
    /** Rows repeated at the top of every page the table continues on. */
    headerRows?: number;
    keepWithHeaderRows?: number;
    dontBreakRows?: boolean;
  };
  layout?: PdfTableLayout | 'noBorders' | 'headerLineOnly' | 'lightHorizontalLines';
};

/** A vector drawing: an SVG document (pdfmake draws it with svg-to-pdfkit). */
export type PdfSvg = NodeBase & { svg: string; fit?: [number, number]; height?: number };

/** A QR code of `qr`'s text, `fit` points wide. */
export type PdfQr = NodeBase & { qr: string; fit?: number; eccLevel?: 'L' | 'M' | 'Q' | 'H' };

export type PdfNode = PdfText | PdfStack | PdfColumns | PdfList | PdfImage | PdfCanvas | PdfTable | PdfSvg | PdfQr;
export type PdfContent = string | PdfNode;

/** A complete document definition, as `createPdf` takes it. */
export type PdfDefinition = {
  /** A4, or a page of its own size in points (a label printer's label). */
  pageSize: 'A4' | { width: number; height: number };
  pageOrientation: 'portrait' | 'landscape';
  pageMargins: PdfMargins;
  content: PdfContent[];
  footer?: (currentPage: number, pageCount: number) => PdfContent;
  header?: (currentPage: number, pageCount: number) => PdfContent;
  images?: Record<string, string>;
  defaultStyle?: PdfStyle;
  styles?: Record<string, PdfStyle>;
  info?: { title?: string; author?: string; subject?: string; keywords?: string; creator?: string; producer?: string };
  /** Document language (PDF /Lang), e.g. "ro-RO". */
  language?: string;
  compress?: boolean;
};

/** pdfmake's produced document: 0.3 returns promises. */
export type PdfOutput = { getBuffer(): Promise<Uint8Array> };

/** The surface of pdfmake's main object both environments share. */
export type PdfEngine = {
  createPdf(definition: PdfDefinition): PdfOutput;
  setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
};
