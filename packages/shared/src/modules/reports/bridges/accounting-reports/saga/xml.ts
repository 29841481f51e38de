/** A tiny XML writer for SAGA's flat files: elements in a fixed order, text escaped, UTF-8. */

export type XmlNode = { tag: string; text?: string; children?: readonly XmlNode[] };

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 allows no control characters but tab, line feed and carriage return.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

function write(node: XmlNode, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  if (node.children) {
    out.push(`${pad}<${node.tag}>`);
    for (const child of node.children) write(child, depth + 1, out);
    out.push(`${pad}</${node.tag}>`);
  } else {
    const text = node.text ?? '';
    out.push(text === '' ? `${pad}<${node.tag}/>` : `${pad}<${node.tag}>${escapeXml(text)}</${node.tag}>`);
  }
}

/** The document, with its declaration, one element a line, CRLF line ends (a Windows program reads it). */
export function xmlDocument(root: XmlNode): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\r\n')}\r\n`;
}

/** An element with text. */
export const el = (tag: string, text: string | null | undefined = ''): XmlNode => ({ tag, text: text ?? '' });
