import { classifyBarcode, normalizeBarcode } from '@roaauto/shared/warehouse/barcode';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * Reading barcodes from the camera's frames: the browser's own BarcodeDetector where it exists and knows
 * the warehouse's formats (Chrome on Android, Safari 17+ on macOS/iOS), otherwise ZXing compiled to
 * WebAssembly (zxing-wasm). Its reader .wasm (~950 kB) is an asset of the app itself, never a CDN: the
 * service worker precaches it with the rest of the build, and it is fetched and compiled only the first
 * time a scanner opens on a device without BarcodeDetector. This module is loaded with the scanner.
 */

/** The formats as BarcodeDetector names them. */
const nativeFormats = ['ean_13', 'ean_8', 'upc_a', 'code_128'];
/** …and as ZXing does. */
const zxingFormats = ['EAN13', 'EAN8', 'UPCA', 'Code128'] as const;

export type BarcodeReader = {
  engine: 'native' | 'zxing';
  /** The code in the frame (tidied: a UPC-A as its EAN-13), or null when none is read. */
  read(frame: HTMLVideoElement | HTMLCanvasElement | ImageBitmap): Promise<string | null>;
};

type DetectedBarcode = { rawValue: string; format: string };
type BarcodeDetectorInstance = { detect(source: CanvasImageSource | ImageBitmap): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
};

/** A read the warehouse can use: one of its formats' content, the first of several. */
export function pickCode(values: string[]): string | null {
  for (const value of values) {
    const code = normalizeBarcode(value);
    if (classifyBarcode(code)) return code;
  }
  return null;
}

export async function nativeReader(scope: { BarcodeDetector?: BarcodeDetectorClass } = globalThis as { BarcodeDetector?: BarcodeDetectorClass }): Promise<BarcodeReader | null> {
  const Detector = scope.BarcodeDetector;
  if (!Detector) return null;
  let supported: string[];
  try {
    supported = await Detector.getSupportedFormats();
  } catch {
    return null;
  }
  // EAN-13 and Code 128 are the least a shop needs; UPC-A and EAN-8 are asked for when there.
  if (!supported.includes('ean_13') || !supported.includes('code_128')) return null;
  const detector = new Detector({ formats: nativeFormats.filter((f) => supported.includes(f)) });
  return {
    engine: 'native',
    read: async (frame) => pickCode((await detector.detect(frame)).filter((d) => nativeFormats.includes(d.format)).map((d) => d.rawValue)),
  };
}

/** What ZXing reads: RGBA pixels. */
export type Pixels = { data: Uint8ClampedArray; width: number; height: number };

let zxingPrepared = false;

/**
 * ZXing's reader. `wasmBinary` is for tests in Node; in the browser the .wasm comes from the app's own
 * URL (`locateFile`), which the service worker serves offline.
 */
export async function zxingPixelsReader(options: { wasmBinary?: ArrayBuffer } = {}): Promise<(pixels: Pixels) => Promise<string | null>> {
  const zxing = await import('zxing-wasm/reader');
  if (!zxingPrepared) {
    zxing.prepareZXingModule({
      overrides: options.wasmBinary
        ? { wasmBinary: options.wasmBinary }
        : { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, location.href).href : prefix + path) },
    });
    zxingPrepared = true;
  }
  return async (pixels) => {
    const results = await zxing.readBarcodes(pixels as ImageData, { formats: [...zxingFormats], tryHarder: true, maxNumberOfSymbols: 1 });
    return pickCode(results.filter((r) => r.isValid).map((r) => r.text));
  };
}

/** The frame's pixels, scaled down to at most `maxWidth` (a 1080p frame is more than a barcode needs and slower to read). */
function framePixels(frame: HTMLVideoElement | HTMLCanvasElement | ImageBitmap, canvas: HTMLCanvasElement, maxWidth = 1280): Pixels | null {
  const width = frame instanceof HTMLVideoElement ? frame.videoWidth : frame.width;
  const height = frame instanceof HTMLVideoElement ? frame.videoHeight : frame.height;
  if (!width || !height) return null;
  const scale = Math.min(1, maxWidth / width);
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(frame, 0, 0, canvas.width, canvas.height);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

export async function zxingReader(): Promise<BarcodeReader> {
  const readPixels = await zxingPixelsReader();
  const canvas = document.createElement('canvas');
  return {
    engine: 'zxing',
    read: async (frame) => {
      const pixels = framePixels(frame, canvas);
      return pixels ? readPixels(pixels) : null;
    },
  };
}

/** The best reader this browser has. */
export async function createBarcodeReader(): Promise<BarcodeReader> {
  return (await nativeReader()) ?? (await zxingReader());
}
