import { sqliteInsertBench } from './sqlite-insert.bench';

await sqliteInsertBench();
