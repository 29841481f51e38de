import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { artefactFiles, ciusRoSvrl } from './official-artefacts.js';

/**
 * For tests only: checks XML against what ANAF itself runs, the OASIS UBL 2.1 schemas and the CIUS-RO
 * 1.0.9 schematron, read from ../shared/efactura beside the repository (never copied into it, so
 * there is one copy of the official files and an update reaches every test at once).
 */

type Root = 'Invoice' | 'CreditNote';

let schemas: XMLFileInfo[] | undefined;

/** The whole UBL 2.1 xsd/ tree under its own relative paths: the schemas import one another by them. */
function ublSchemas(): XMLFileInfo[] {
  schemas ??= artefactFiles('ubl-2.1/xsd', 'xsd').map((f) => ({ fileName: f.path, contents: f.contents }));
  return schemas;
}

function rootOf(xml: string): Root {
  const root = /^\s*(?:<\?[\s\S]*?\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?(Invoice|CreditNote)[\s>/]/.exec(xml)?.[1];
  if (root !== 'Invoice' && root !== 'CreditNote') throw new Error('Neither a UBL Invoice nor a CreditNote');
  return root;
}

const prefixes: readonly [string, string][] = [
  ['{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}', 'cbc:'],
  ['{urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2}', 'cac:'],
  ['{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}', ''],
  ['{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}', ''],
];

/** xmllint's message with the prefixes the document itself uses, so that a test can match it as written. */
function readable(message: string): string {
  let text = message.replace(/^Schemas validity error : /, '');
  for (const [namespace, prefix] of prefixes) text = text.split(namespace).join(prefix);
  return text;
}

/**
 * The official schema's errors for each document, in order; [] for a valid one. One xmllint run per
 * root element, since compiling the UBL schemas costs far more than validating a document.
 */
export async function schemaErrorsOfEach(xmls: readonly string[]): Promise<string[][]> {
  const errors: string[][] = xmls.map(() => []);
  const fileName = (i: number) => `document-${i}.xml`;
  const runs = (['Invoice', 'CreditNote'] as const).map(async (root) => {
    const indexes = xmls.flatMap((xml, i) => (rootOf(xml) === root ? [i] : []));
    if (indexes.length === 0) return;
    const main = `maindoc/UBL-${root}-2.1.xsd`;
    const result = await validateXML({
      xml: indexes.map((i) => ({ fileName: fileName(i), contents: xmls[i] ?? '' })),
      schema: ublSchemas().filter((s) => s.fileName === main),
      preload: ublSchemas().filter((s) => s.fileName !== main),
    });
    for (const i of indexes) {
      const own = result.errors.filter((e) => e.loc?.fileName === fileName(i)).map((e) => `line ${e.loc?.lineNumber ?? '?'}: ${readable(e.message)}`);
      // A refusal xmllint gives no line for must still count as one.
      if (own.length === 0 && result.rawOutput.includes(`${fileName(i)} fails to validate`)) own.push('fails to validate');
      errors[i] = own;
    }
  });
  await Promise.all(runs);
  return errors;
}

/** One finding of the schematron: its rule id ("BR-RO-100"), where, and ANAF's text. */
export type Finding = { id: string; flag: string; location: string; text: string };

const entities: Readonly<Record<string, string>> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
const decode = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[\da-fA-F]+);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (entities[e] ?? ''),
  );

/**
 * ANAF's CIUS-RO verdict, split by flag. Both failed asserts and successful reports count: several
 * BR-RO rules are written as reports. A finding whose flag is not "warning" is fatal, so that an
 * unexpected flag can only make a test stricter.
 */
export function ciusRoFindings(xml: string): { fatal: Finding[]; warnings: Finding[] } {
  let svrl: string;
  try {
    svrl = ciusRoSvrl(xml);
  } catch (e) {
    // A document the rules cannot even be evaluated on (two postal zones where one is expected, say)
    // stops ANAF's validation too: it is refused. That is this document's finding, not a broken run;
    // SaxonJS's own errors (SXJS codes: the stylesheet itself) still are.
    const code = e instanceof Error && 'code' in e ? String(e.code) : '';
    if (code && !code.startsWith('SXJS')) return { fatal: [{ id: code, flag: 'fatal', location: '', text: e instanceof Error ? e.message : '' }], warnings: [] };
    throw e;
  }
  if (!svrl.includes('<svrl:schematron-output') || !svrl.includes('<svrl:fired-rule')) {
    throw new Error('The CIUS-RO schematron produced no report: the validation did not run');
  }
  const fatal: Finding[] = [];
  const warnings: Finding[] = [];
  for (const m of svrl.matchAll(/<svrl:(failed-assert|successful-report)\b((?:[^>"]|"[^"]*")*)>([\s\S]*?)<\/svrl:\1>/g)) {
    const attrs = new Map(Array.from((m[2] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g), (a) => [a[1] ?? '', decode(a[2] ?? '')]));
    const text = /<svrl:text>([\s\S]*?)<\/svrl:text>/.exec(m[3] ?? '')?.[1] ?? '';
    const finding: Finding = { id: attrs.get('id') ?? '', flag: attrs.get('flag') ?? '', location: attrs.get('location') ?? '', text: decode(text).replace(/\s+/g, ' ').trim() };
    (finding.flag === 'warning' ? warnings : fatal).push(finding);
  }
  return { fatal, warnings };
}

export type OfficialReport = { schema: string[]; fatal: Finding[]; warnings: Finding[] };

/**
 * Both official checks of each document, in order. The schema runs in xmllint's worker threads while
 * the schematron runs here, so the two overlap.
 */
export async function officialReports(xmls: readonly string[]): Promise<OfficialReport[]> {
  const schema = schemaErrorsOfEach(xmls);
  const findings = xmls.map(ciusRoFindings);
  const errors = await schema;
  return findings.map((f, i) => ({ schema: errors[i] ?? [], ...f }));
}

/** The report as text, warnings included: the message of a failed assertion, printed only then. */
export function describeReport(r: OfficialReport): string {
  const finding = (f: Finding) => `  [${f.flag}] ${f.id} at ${f.location}: ${f.text}`;
  return [
    `UBL 2.1 schema: ${r.schema.length === 0 ? 'valid' : `${r.schema.length} errors`}`,
    ...r.schema.map((e) => `  ${e}`),
    `CIUS-RO: ${r.fatal.length} fatal, ${r.warnings.length} warnings`,
    ...r.fatal.map(finding),
    ...r.warnings.map(finding),
  ].join('\n');
}
