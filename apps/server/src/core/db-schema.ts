/**
 * Kysely's view of the server database. Tables are added here as migrations create them;
 * a test checks that the migrations and this shape agree on both engines.
 */
export type AppMetaTable = {
  key: string;
  value: string;
};

export type DatabaseSchema = {
  app_meta: AppMetaTable;
};
