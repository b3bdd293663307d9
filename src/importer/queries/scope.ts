/**
 * `path` at or under the `@path` parameter, as a range of the (library_id, path) index:
 * '0' sorts right after '/', so `@path/` .. `@path0` holds exactly what lies below it.
 */
export const pathInScope = `(path = @path OR (path > @path || '/' AND path < @path || '0'))`;
