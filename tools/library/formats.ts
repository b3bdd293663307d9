import type { Rng } from '../prng';
import { GENERATED_FORMATS, type GeneratedFormat } from './comic-spec';

export type FormatMix = Partial<Record<GeneratedFormat, number>>;

/**
 * A picker over a profile's format mix restricted to `allowed`. When the profile has no weight
 * for any allowed format, the allowed ones share equally (asking for CB7 only gets CB7 only).
 */
export function formatPicker(mix: FormatMix, allowed?: readonly GeneratedFormat[]): (rng: Rng) => GeneratedFormat {
  const formats = allowed ?? GENERATED_FORMATS;
  let weighted = formats.map((f) => [f, mix[f] ?? 0] as const).filter(([, w]) => w > 0);
  if (weighted.length === 0) weighted = formats.map((f) => [f, 1] as const);
  if (weighted.length === 0) throw new Error('formatPicker: no format allowed');
  if (weighted.length === 1) return () => weighted[0]![0];
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  return (rng) => {
    let x = rng.next() * total;
    for (const [format, weight] of weighted) {
      x -= weight;
      if (x < 0) return format;
    }
    return weighted[weighted.length - 1]![0];
  };
}
