import type { z } from 'zod';

/**
 * A yes/no check compiled from a zod schema: `check(value)` is true exactly when
 * `schema.safeParse(value)` would succeed and hand back a copy equal to `value`. Records the
 * cleaners built are valid nearly always, and zod's parse of one (a copy of every list, an issue
 * object machinery on standby) cost as much as reading the comic's XML; this walk costs a tenth.
 * The schema stays the contract: the checker is derived from it, a `false` sends the record
 * through zod itself, and a schema construct this compiler does not know fails at load time
 * instead of being waved through.
 *
 * Stricter than zod where zod would change the value: an unknown key (zod strips it) or a missing
 * key with a default (zod fills it) is a `false`, so the caller's zod pass does that work.
 */
export type ValueCheck = (value: unknown) => boolean;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  catchall?: z.ZodType;
}

interface CheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  length?: number;
  format?: string;
  value?: number;
  inclusive?: boolean;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

export function compileCheck(schema: z.ZodType): ValueCheck {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return objectCheck(def);
    case 'optional': {
      const inner = compileCheck(def.innerType!);
      return (value) => value === undefined || inner(value);
    }
    case 'default': {
      const inner = compileCheck(def.innerType!);
      return (value) => value !== undefined && inner(value);
    }
    case 'array': {
      const element = compileCheck(def.element!);
      return (value) => Array.isArray(value) && value.every(element);
    }
    case 'string':
      return allOf((value) => typeof value === 'string', (def.checks ?? []).map(({ _zod }) => stringCheck(_zod.def)));
    case 'number':
      return allOf((value) => typeof value === 'number' && Number.isFinite(value), (def.checks ?? []).map(({ _zod }) => numberCheck(_zod.def)));
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'enum': {
      const allowed = new Set(Object.values(def.entries!));
      return (value) => allowed.has(value as string);
    }
    default:
      throw new Error(`compileCheck: zod type '${def.type}' is not supported; extend schema-check.ts`);
  }
}

function objectCheck(def: Def): ValueCheck {
  if (def.catchall !== undefined) throw new Error('compileCheck: objects with a catchall are not supported');
  const keys = Object.keys(def.shape!);
  const checks = keys.map((key) => compileCheck(def.shape![key]!));
  const known = new Set(keys);
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) if (!checks[i]!(record[keys[i]!])) return false;
    for (const key in record) if (!known.has(key)) return false;
    return true;
  };
}

/** Unrolled for the usual one or two checks: this runs for every field of every comic. */
function allOf(type: ValueCheck, checks: ValueCheck[]): ValueCheck {
  const [first, second] = checks;
  if (checks.length === 0) return type;
  if (checks.length === 1) return (value) => type(value) && first!(value);
  if (checks.length === 2) return (value) => type(value) && first!(value) && second!(value);
  return (value) => type(value) && checks.every((check) => check(value));
}

function stringCheck(def: CheckDef): ValueCheck {
  switch (def.check) {
    case 'min_length':
      return (value) => (value as string).length >= def.minimum!;
    case 'max_length':
      return (value) => (value as string).length <= def.maximum!;
    case 'length_equals':
      return (value) => (value as string).length === def.length!;
    default:
      throw new Error(`compileCheck: string check '${def.check}' is not supported; extend schema-check.ts`);
  }
}

function numberCheck(def: CheckDef): ValueCheck {
  switch (def.check) {
    case 'number_format':
      if (def.format !== 'safeint') break;
      return (value) => Number.isSafeInteger(value);
    case 'greater_than':
      return def.inclusive ? (value) => (value as number) >= def.value! : (value) => (value as number) > def.value!;
    case 'less_than':
      return def.inclusive ? (value) => (value as number) <= def.value! : (value) => (value as number) < def.value!;
  }
  throw new Error(`compileCheck: number check '${def.check}${def.format ? ` ${def.format}` : ''}' is not supported; extend schema-check.ts`);
}
