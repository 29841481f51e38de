import { deflateSync } from 'fflate';

/**
 * A ZIP file written as its parts come (the container of an XLSX): each entry deflated by the browser's own
 * `CompressionStream` (native zlib, several times quicker than deflate in JavaScript on a year of invoices),
 * or by `fflate` where the browser has none. Entries are under 4 GB (no ZIP64).
 */

const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The running CRC-32 (of ZIP) of `data` after `crc` (0 to start). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = (crcTable[(c ^ (data[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

type Entry = { name: Uint8Array; crc: number; size: number; compressed: number; offset: number };

/** The DOS date and time of the entries (ZIP's own format): now, to the two seconds. */
function dosDateTime(d: Date): { date: number; time: number } {
  return {
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}

export class ZipWriter {
  private readonly parts: Uint8Array[] = [];
  private readonly entries: Entry[] = [];
  private offset = 0;
  private readonly stamp = dosDateTime(new Date());

  /** An entry written piece by piece: `write` each piece (awaited: the deflate keeps pace), then `close`. */
  entry(path: string): { write(data: Uint8Array<ArrayBuffer>): Promise<void>; close(): Promise<void> } {
    let crc = 0;
    let size = 0;
    const native = typeof CompressionStream === 'undefined' ? null : new CompressionStream('deflate-raw');
    const writer = native?.writable.getWriter();
    const deflated = native ? new Response(native.readable).arrayBuffer() : null;
    const pieces: Uint8Array<ArrayBuffer>[] = [];
    return {
      write: async (data) => {
        crc = crc32(data, crc);
        size += data.length;
        if (writer) await writer.write(data);
        else pieces.push(data);
      },
      close: async () => {
        let body: Uint8Array;
        if (writer && deflated) {
          await writer.close();
          body = new Uint8Array(await deflated);
        } else {
          const all = new Uint8Array(size);
          let at = 0;
          for (const p of pieces) {
            all.set(p, at);
            at += p.length;
          }
          body = deflateSync(all, { level: 6 });
        }
        this.add(path, crc, size, body);
      },
    };
  }

  /** A whole entry at once. */
  async file(path: string, data: Uint8Array<ArrayBuffer>): Promise<void> {
    const e = this.entry(path);
    await e.write(data);
    await e.close();
  }

  private add(path: string, crc: number, size: number, body: Uint8Array): void {
    const name = new TextEncoder().encode(path);
    const head = new DataView(new ArrayBuffer(30));
    head.setUint32(0, 0x04034b50, true);
    head.setUint16(4, 20, true);
    head.setUint16(6, 0x0800, true); // the name is UTF-8
    head.setUint16(8, 8, true); // deflate
    head.setUint16(10, this.stamp.time, true);
    head.setUint16(12, this.stamp.date, true);
    head.setUint32(14, crc, true);
    head.setUint32(18, body.length, true);
    head.setUint32(22, size, true);
    head.setUint16(26, name.length, true);
    head.setUint16(28, 0, true);
    this.entries.push({ name, crc, size, compressed: body.length, offset: this.offset });
    this.push(new Uint8Array(head.buffer), name, body);
  }

  private push(...parts: Uint8Array[]): void {
    for (const p of parts) {
      this.parts.push(p);
      this.offset += p.length;
    }
  }

  /** The file: the entries, then the central directory. */
  finish(type: string): Blob {
    const start = this.offset;
    for (const e of this.entries) {
      const d = new DataView(new ArrayBuffer(46));
      d.setUint32(0, 0x02014b50, true);
      d.setUint16(4, 20, true);
      d.setUint16(6, 20, true);
      d.setUint16(8, 0x0800, true);
      d.setUint16(10, 8, true);
      d.setUint16(12, this.stamp.time, true);
      d.setUint16(14, this.stamp.date, true);
      d.setUint32(16, e.crc, true);
      d.setUint32(20, e.compressed, true);
      d.setUint32(24, e.size, true);
      d.setUint16(28, e.name.length, true);
      d.setUint32(42, e.offset, true);
      this.push(new Uint8Array(d.buffer), e.name);
    }
    const end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, this.entries.length, true);
    end.setUint16(10, this.entries.length, true);
    end.setUint32(12, this.offset - start, true);
    end.setUint32(16, start, true);
    this.push(new Uint8Array(end.buffer));
    return new Blob(this.parts as BlobPart[], { type });
  }
}
