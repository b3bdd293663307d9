import { quote, type Cleaned } from './result';

/**
 * Languages to ISO 639-1 alpha-2. ICU (bundled with Node) already knows every code, the
 * three-letter aliases ("eng", "fre", "deu" canonicalize to two letters) and the names, so the
 * table here is built from it once: English names ("English") and native names ("Español").
 */
/** Country codes people put where a language belongs ("jp" for Japanese); none is a language code. */
const COUNTRY_CODE_MISTAKES: Record<string, string> = { jp: 'ja', cn: 'zh', kr: 'ko', cz: 'cs', gr: 'el', dk: 'da', ua: 'uk' };

let byName: Map<string, string> | undefined;

function namesTable(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(COUNTRY_CODE_MISTAKES));
  const english = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = english.of(code);
      // Deprecated codes ("iw", "in") canonicalize to their successors ("he", "id").
      if (name === undefined || languageOfTag(code) !== code) continue;
      byName.set(code, code);
      byName.set(name.toLowerCase(), code);
      const native = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
      if (native !== undefined && !byName.has(native.toLowerCase())) byName.set(native.toLowerCase(), code);
    }
  }
  return byName;
}

/** The language part of a tag like "en-US", "pt_BR" or "eng", canonical two letters if any. */
function languageOfTag(tag: string): string | undefined {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.replace(/_/g, '-'));
    const language = canonical ? new Intl.Locale(canonical).language : undefined;
    return language?.length === 2 ? language : undefined;
  } catch {
    return undefined;
  }
}

function lookUp(text: string): string | undefined {
  const table = namesTable();
  const fromTag = languageOfTag(text);
  return table.get(text.toLowerCase()) ?? (fromTag && table.has(fromTag) ? fromTag : undefined);
}

/**
 * A library says "en" or "English" thousands of times, and ICU's canonicalization costs more than
 * the rest of a comic's cleaning: answers are remembered, up to a bound, since junk values are
 * endless. null records "not a language".
 */
const CACHE_LIMIT = 1024;
const cache = new Map<string, string | null>();

function cachedLookUp(text: string): string | undefined {
  let code = cache.get(text);
  if (code === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    code = lookUp(text) ?? null;
    cache.set(text, code);
  }
  return code ?? undefined;
}

/** "English", "en", "EN", "eng", "en-US", "Español" -> "en"/"es"; unknown text is a problem. */
export function cleanLanguage(raw: unknown): Cleaned<string> {
  if (typeof raw !== 'string') return {};
  const text = raw.trim();
  if (text === '') return {};
  const code = cachedLookUp(text);
  return code === undefined ? { problem: `${quote(raw)} is not a known language` } : { value: code };
}
