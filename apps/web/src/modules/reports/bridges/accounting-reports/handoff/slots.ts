import { extensionPoint } from '@/app/module-kit';

/** A file of the accountant's package: its path in the ZIP and its bytes (or text). */
export type PackageFile = { path: string; content: Uint8Array | string };

/**
 * Files other code adds to the package for a month (the sales and purchase journals as CSV): each
 * contribution returns its files, paths under a folder of its own (`jurnale/…`). Its own file, so that the
 * bridge that contributes to it does not bring the package's code into the app's first load.
 */
export const accountantPackageFiles = extensionPoint<(month: string) => Promise<PackageFile[]>>('reports:accountantPackageFiles');
