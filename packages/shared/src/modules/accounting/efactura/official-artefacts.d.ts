/**
 * ../shared/efactura beside the repository (absolute path). Throws when it is missing, so that a run
 * without the official artefacts fails instead of passing unchecked.
 */
export declare function artefactsDir(): string;

/** A file of that folder as UTF-8 text, by its path inside it ("anaf-samples/ubl_b2g_example0.xml"). */
export declare function readArtefact(path: string): string;

/** Every file of a subfolder ending in `.extension`, with its path relative to that subfolder, sorted. */
export declare function artefactFiles(folder: string, extension: string): { path: string; contents: string }[];

/** The SVRL report of ANAF's CIUS-RO schematron on `xml`, serialized. */
export declare function ciusRoSvrl(xml: string): string;
