export * from './db';
export * from './schema';
export { LongboxError, type LongboxErrorCode } from './errors';
