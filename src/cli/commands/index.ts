import type { CommandEntry } from '../command';

/** Every command, in `longbox --help` order; a command's module is imported only to run it. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'import',
    synopsis: 'import <folder>',
    summary: 'import a folder of comics, or bring the database up to date with it',
    load: async () => (await import('./import')).importCommand,
  },
  {
    name: 'watch',
    synopsis: 'watch <folder>',
    summary: 'import a folder, then keep the database in step with it as it changes',
    load: async () => (await import('./watch')).watchCommand,
  },
  {
    name: 'covers',
    synopsis: 'covers',
    summary: 'make the missing and stale cover thumbnails',
    load: async () => (await import('./covers')).coversCommand,
  },
  {
    name: 'search',
    synopsis: 'search <query>',
    summary: 'full-text search over the imported comics, best matches first',
    load: async () => (await import('./search')).searchCommand,
  },
  {
    name: 'failed',
    synopsis: 'failed',
    summary: 'files that could not be imported, with the reason',
    load: async () => (await import('./failed')).failedCommand,
  },
  { name: 'stats', synopsis: 'stats', summary: 'rows per table', load: async () => (await import('./stats')).statsCommand },
  {
    name: 'migrate',
    synopsis: 'migrate',
    summary: 'create the database or bring its schema up to date',
    load: async () => (await import('./migrate')).migrateCommand,
  },
  {
    name: 'relocate',
    synopsis: 'relocate <old> <new>',
    summary: 'point a library at the folder it moved to, keeping every comic id',
    load: async () => (await import('./relocate')).relocateCommand,
  },
];
