/** An RGBA image as a canvas hands it out. */
export type Pixels = { data: Uint8ClampedArray; width: number; height: number };

/** The barcodes ZXing finds in an image (EAN-13, EAN-8, UPC-A, Code 128), with the format it names. */
export declare function decodePixels(image: Pixels): Promise<{ text: string; format: string }[]>;

/** Page `pageNumber` of a PDF drawn by pdfjs at `scale` (1 = 72 dpi), and the document's page count. */
export declare function pdfPagePixels(bytes: Uint8Array, pageNumber: number, scale: number): Promise<Pixels & { pages: number }>;
