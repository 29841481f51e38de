// wa-sqlite's VFS examples ship as JavaScript without declarations (its core API has its own).
declare module '@journeyapps/wa-sqlite/src/examples/OPFSCoopSyncVFS.js' {
  export const OPFSCoopSyncVFS: { create(name: string, module: unknown): Promise<SQLiteVFS> };
}
