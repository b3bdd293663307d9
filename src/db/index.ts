export { type ConnectionHook, databaseFileOf, type LongboxDb, type LongboxSchema, type OpenOptions, openDatabase, registerConnectionHook } from './open';
export { DEFAULT_IMPORT_CACHE_KIB, type ImportPragmaOptions, withImportPragmas } from './pragmas';
export { type MigrateOptions, migrate } from './migrate';
export { assertSynchronous, type LongboxTransaction, runPhase } from './transaction';
