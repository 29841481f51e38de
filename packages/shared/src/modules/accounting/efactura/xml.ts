/**
 * A small streaming XML writer: enough for a UBL document, no DOM, no dependency, runs in the browser.
 * Output is indented by two spaces per level, so the same input always gives the same bytes.
 */

// Characters XML 1.0 does not allow at all (a stray control character would make the file unreadable).
// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const special = /[&<>"']/g;
const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or attribute value as XML: the five special characters escaped, forbidden characters dropped. */
export function escapeXml(text: string): string {
  return text.replace(forbidden, '').replace(special, (c) => entities[c] ?? c);
}

export type Attrs = Readonly<Record<string, string | null | undefined>>;

function attributes(attrs: Attrs | undefined): string {
  if (!attrs) return '';
  let out = '';
  for (const [name, value] of Object.entries(attrs)) if (value != null) out += ` ${name}="${escapeXml(value)}"`;
  return out;
}

export class XmlWriter {
  private readonly parts: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  private readonly stack: string[] = [];

  private indent(): string {
    return '  '.repeat(this.stack.length);
  }

  open(name: string, attrs?: Attrs): this {
    this.parts.push(`${this.indent()}<${name}${attributes(attrs)}>\n`);
    this.stack.push(name);
    return this;
  }

  close(): this {
    const name = this.stack.pop();
    if (name === undefined) throw new Error('Nothing to close');
    this.parts.push(`${this.indent()}</${name}>\n`);
    return this;
  }

  /** `<name>value</name>`, or nothing when the value is null or blank (UBL has no empty elements). */
  leaf(name: string, value: string | null | undefined, attrs?: Attrs): this {
    if (value == null) return this;
    const text = value.trim();
    if (text === '') return this;
    this.parts.push(`${this.indent()}<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>\n`);
    return this;
  }

  /** An element wrapping what `body` writes. */
  group(name: string, body: () => void, attrs?: Attrs): this {
    this.open(name, attrs);
    body();
    return this.close();
  }

  toString(): string {
    if (this.stack.length > 0) throw new Error(`Unclosed element ${this.stack.join(' > ')}`);
    return this.parts.join('');
  }
}
