export { importLibrary } from './import-library';
export { type ImportOptions, type ImportPhase, type ImportProgress, importPhases } from './options';
export type { ImportReport } from './report';
export { relocateLibrary } from './relocate-library';
export { acquireImportLock } from './import-lock';
