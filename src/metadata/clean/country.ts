import { quote, type Cleaned } from './result';

/**
 * Countries to ISO 3166-1 alpha-2. ICU knows the codes and English names; it does not know the
 * alpha-3 codes or the everyday aliases, so the common ones are listed here.
 */
const ALIASES: Record<string, string> = {
  usa: 'US', 'united states of america': 'US', america: 'US', 'u.s.': 'US', 'u.s.a.': 'US',
  gbr: 'GB', uk: 'GB', 'u.k.': 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB',
  can: 'CA', fra: 'FR', deu: 'DE', ger: 'DE', ita: 'IT', esp: 'ES', prt: 'PT', nld: 'NL', holland: 'NL',
  bel: 'BE', che: 'CH', aut: 'AT', swe: 'SE', nor: 'NO', dnk: 'DK', fin: 'FI', pol: 'PL', cze: 'CZ',
  irl: 'IE', grc: 'GR', tur: 'TR', rus: 'RU', ukr: 'UA', jpn: 'JP', kor: 'KR', 'korea': 'KR',
  'republic of korea': 'KR', chn: 'CN', twn: 'TW', hkg: 'HK', ind: 'IN', idn: 'ID', phl: 'PH',
  tha: 'TH', aus: 'AU', nzl: 'NZ', bra: 'BR', mex: 'MX', arg: 'AR', chl: 'CL', col: 'CO', per: 'PE',
  zaf: 'ZA', isr: 'IL', egy: 'EG', 'czech republic': 'CZ', 'hong kong': 'HK', macau: 'MO', burma: 'MM',
};

/** Region codes that are not countries: EU, UN, "Unknown Region", pseudo-locales. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);

function currentRegion(code: string): string | undefined {
  try {
    return new Intl.Locale(`und-${code}`).region;
  } catch {
    return undefined;
  }
}

let byName: Map<string, string> | undefined;

function namesTable(): Map<string, string> {
  if (byName) return byName;
  byName = new Map(Object.entries(ALIASES));
  const english = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = english.of(code);
      // Withdrawn codes ("DD", "YU", "UK") name a country under a code that is not current.
      if (name === undefined || NOT_COUNTRIES.has(code) || currentRegion(code) !== code) continue;
      if (!byName.has(code.toLowerCase())) byName.set(code.toLowerCase(), code);
      // "Myanmar (Burma)" is also plain "Myanmar".
      for (const spelling of [name, name.replace(/\s*\(.*\)$/, '')]) {
        if (!byName.has(spelling.toLowerCase())) byName.set(spelling.toLowerCase(), code);
      }
    }
  }
  return byName;
}

/** "United States", "US", "us", "USA" -> "US"; unknown text is a problem. */
export function cleanCountry(raw: unknown): Cleaned<string> {
  if (typeof raw !== 'string') return {};
  const text = raw.trim();
  if (text === '') return {};
  const code = namesTable().get(text.toLowerCase());
  return code === undefined ? { problem: `${quote(raw)} is not a known country` } : { value: code };
}
