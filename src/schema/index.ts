export * from './libraries-and-folders';
export * from './comics';
export * from './hierarchy';
export * from './named-tags';
export * from './composite';
export * from './joins';
export * from './failed-imports';
export * from './search';
