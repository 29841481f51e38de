/** A file name people recognise: "Factura-ROA-12.pdf", "Storno-ROA-13.xml", "Deviz-1045.pdf". */
export function documentFileName(kind: string, series: string | null, number: number | null, ext: 'pdf' | 'xml'): string {
  return `${[kind, series, number ?? 'ciorna'].filter((p) => p !== null && p !== '').join('-')}.${ext}`;
}
