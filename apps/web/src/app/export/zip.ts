import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * An entry deflated by the browser's own `CompressionStream` (native zlib: a year of invoices deflates in
 * about half the time fflate's JavaScript deflate takes), in fflate's ZIP container: fflate counts the CRC and
 * size of what is pushed, this class gives it the deflated bytes (`process` is fflate's extension point).
 */
class NativeDeflate extends ZipPassThrough {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;

  constructor(filename: string) {
    super(filename);
    this.compression = 8;
    const stream = new CompressionStream('deflate-raw');
    this.writer = stream.writable.getWriter();
    void this.pump(stream.readable.getReader());
  }

  private async pump(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        this.ondata(null, value as Uint8Array<ArrayBuffer>, false);
      }
      this.ondata(null, new Uint8Array(0), true);
    } catch (err) {
      // fflate's errors carry a code; this one is the browser's, so it has none of fflate's own.
      this.ondata(Object.assign(err instanceof Error ? err : new Error(String(err)), { code: -1 }), new Uint8Array(0), true);
    }
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    if (chunk.length) void this.writer.write(chunk);
    if (final) void this.writer.close();
  }

  /** Resolves when the stream has taken what was written (so a long sheet never piles up in memory). */
  ready(): Promise<void> {
    return this.writer.ready;
  }
}

/**
 * A ZIP file written as its parts come (the container of an XLSX), on fflate's streaming `Zip`; each entry is
 * deflated as it is written, natively where the browser can, by fflate's deflate elsewhere.
 */
export class ZipWriter {
  private readonly parts: Uint8Array[] = [];
  private failure: Error | null = null;
  private done: () => void = () => undefined;
  private readonly finished = new Promise<void>((resolve) => (this.done = resolve));
  private readonly zip = new Zip((err, chunk, final) => {
    if (err) this.failure = err;
    else this.parts.push(chunk);
    if (err || final) this.done();
  });

  /** An entry written piece by piece: `write` each piece (awaited: the deflate keeps pace), then `close`. */
  entry(path: string): { write(data: Uint8Array): Promise<void>; close(): Promise<void> } {
    const native = typeof CompressionStream === 'undefined' ? null : new NativeDeflate(path);
    const file = native ?? new ZipDeflate(path, { level: 6 });
    this.zip.add(file);
    return {
      write: async (data) => {
        file.push(data);
        await native?.ready();
      },
      close: async () => {
        file.push(new Uint8Array(0), true);
      },
    };
  }

  /** A whole entry at once. */
  async file(path: string, data: Uint8Array): Promise<void> {
    const e = this.entry(path);
    await e.write(data);
    await e.close();
  }

  /** The file, once every entry is deflated: the entries, then the central directory. */
  async finish(type: string): Promise<Blob> {
    this.zip.end();
    await this.finished;
    if (this.failure) throw this.failure;
    return new Blob(this.parts as BlobPart[], { type });
  }
}
