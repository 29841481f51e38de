import fs from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { barcodeSvg } from '@roaauto/shared/warehouse/labels';
import { nativeReader, pickCode, zxingPixelsReader, type Pixels } from './decoder';

/**
 * A camera frame with a barcode in it: the bars bwip-js draws for a code, at `px` pixels a module,
 * dimmed and on a grey background as a phone camera sees a label, with some noise.
 */
function frame(code: string, px: number): Pixels {
  const drawn = barcodeSvg(code);
  const bars = new Array<number>(drawn.modules).fill(0);
  for (const path of drawn.svg.matchAll(/stroke-width="([\d.]+)" d="([^"]+)"/g)) {
    const width = Number(path[1]);
    for (const move of (path[2] ?? '').matchAll(/M([\d.]+) /g)) {
      for (let m = Math.round(Number(move[1]) - width / 2); m < Math.round(Number(move[1]) + width / 2); m++) bars[m] = 1;
    }
  }
  const width = 640;
  const height = 360;
  const data = new Uint8ClampedArray(width * height * 4);
  const left = Math.round((width - bars.length * px) / 2);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const m = Math.floor((x - left) / px);
      const onLabel = y > 80 && y < 280 && x >= left && x < left + bars.length * px;
      const ink = onLabel && y > 100 && y < 260 && bars[m] === 1;
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const noise = (seed % 21) - 10;
      const value = (ink ? 40 : onLabel ? 215 : 120) + noise;
      data.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height };
}

const wasm = fs.readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);

describe('reading a frame with ZXing (the fallback where there is no BarcodeDetector)', () => {
  it('reads EAN-13, EAN-8, UPC-A (as its EAN-13) and Code 128 from camera-like frames', async () => {
    const read = await zxingPixelsReader({ wasmBinary });
    expect(await read(frame('5901234123457', 3))).toBe('5901234123457');
    expect(await read(frame('96385074', 4))).toBe('96385074');
    expect(await read(frame('036000291452', 3))).toBe('0036000291452');
    expect(await read(frame('FU-0712/A', 2))).toBe('FU-0712/A');
  });

  it('reads nothing from a frame without a barcode', async () => {
    const read = await zxingPixelsReader({ wasmBinary });
    const blank = { data: new Uint8ClampedArray(320 * 240 * 4).fill(200), width: 320, height: 240 };
    expect(await read(blank)).toBeNull();
  });
});

describe('the browser\'s BarcodeDetector', () => {
  it('is used when it knows EAN-13 and Code 128, asked only for the formats it has', async () => {
    const asked: string[][] = [];
    class Detector {
      static getSupportedFormats = () => Promise.resolve(['qr_code', 'ean_13', 'code_128', 'upc_a']);

      constructor(options: { formats: string[] }) {
        asked.push(options.formats);
      }

      detect = () => Promise.resolve([{ rawValue: 'https://x.ro', format: 'qr_code' }, { rawValue: '036000291452', format: 'upc_a' }]);
    }
    const reader = await nativeReader({ BarcodeDetector: Detector });
    expect(reader?.engine).toBe('native');
    expect(asked).toEqual([['ean_13', 'upc_a', 'code_128']]);
    expect(await reader?.read({} as HTMLCanvasElement)).toBe('0036000291452');
  });

  it('is not used when missing, or without the formats (desktop Chrome on Linux has none)', async () => {
    expect(await nativeReader({})).toBeNull();
    class NoFormats {
      static getSupportedFormats = () => Promise.resolve([]);

      detect = () => Promise.resolve([]);
    }
    expect(await nativeReader({ BarcodeDetector: NoFormats })).toBeNull();
  });

  it('keeps the first read a shop can use', () => {
    expect(pickCode(['ă', ' 5901234123457 '])).toBe('5901234123457');
    expect(pickCode([])).toBeNull();
  });
});
