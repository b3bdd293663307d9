export { type ConnectionHook, databaseFileOf, type LongboxDb, type LongboxSchema, type OpenOptions, openDatabase, registerConnectionHook } from './open';
export { type ImportPragmaOptions, withImportPragmas } from './pragmas';
export { type MigrateOptions, migrate } from './migrate';
export { type LongboxTransaction, runPhase } from './transaction';
