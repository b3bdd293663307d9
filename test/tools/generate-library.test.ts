import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countTags } from '../../tools/count-tags';
import { generateLibrary, planLibrary, type ComicSpec } from '../../tools/generate-library';
import { readTree } from './files';

const root = mkdtempSync(join(tmpdir(), 'longbox-gen-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const tagsOf = (comics: Iterable<ComicSpec>) => [...comics].flatMap((c) => (c.comicInfo ? [countTags(c.comicInfo)] : []));

describe('generateLibrary', () => {
  it.each(['codex', 'realistic', 'sample'] as const)('%s: the same seed gives the same manifest and byte-identical files', async (profile) => {
    const options = { profile, count: 60, seed: 7 };
    const a = await generateLibrary(join(root, `${profile}-a`), options);
    const b = await generateLibrary(join(root, `${profile}-b`), options);
    expect(b).toEqual(a);
    const filesA = readTree(join(root, `${profile}-a`));
    expect(readTree(join(root, `${profile}-b`))).toEqual(filesA);
    expect([...filesA.keys()].sort()).toEqual(a.comics.map((c) => c.path).sort());
  });

  it('writes each file with the mtime the manifest gives', async () => {
    const dir = join(root, 'mtimes');
    const manifest = await generateLibrary(dir, { profile: 'realistic', count: 20, seed: 3 });
    for (const comic of manifest.comics) expect(statSync(join(dir, comic.path)).mtimeMs).toBe(comic.mtime);
  });

  it('a different seed gives a different library', () => {
    const first = (seed: number) => [...planLibrary({ profile: 'codex', count: 5, seed })].map((c) => c.comicInfo);
    expect(first(1)).not.toEqual(first(2));
  });

  it('refuses to write into a folder that is not empty', async () => {
    await expect(generateLibrary(join(root, 'mtimes'), { profile: 'codex', count: 1, seed: 1 })).rejects.toThrow(/not empty/);
  });

  it('honours the formats option', () => {
    const comics = [...planLibrary({ profile: 'realistic', count: 200, seed: 1, formats: ['CBT', 'PDF'] })];
    expect(new Set(comics.map((c) => c.format))).toEqual(new Set(['CBT', 'PDF']));
  });
});

describe('codex profile', () => {
  const comics = [...planLibrary({ profile: 'codex', count: 200, seed: 1 })];

  it('averages roughly 77 tags per comic, as Codex benchmark comics do', () => {
    expect(average(tagsOf(comics))).toBeGreaterThan(70);
    expect(average(tagsOf(comics))).toBeLessThan(85);
  });

  it('writes 0 to 20 mostly-unique 64-character names per list field', () => {
    const names = comics.flatMap((c) => (c.comicInfo?.Characters as string[] | undefined) ?? []);
    expect(names.every((n) => n.length === 64)).toBe(true);
    expect(new Set(names).size / names.length).toBeGreaterThan(0.9);
    for (const c of comics) expect(((c.comicInfo?.Tags as string[] | undefined) ?? []).length).toBeLessThanOrEqual(20);
  });

  it('leaves about 10% of a field out and makes about 10% of the wrong type', () => {
    const years = comics.map((c) => c.comicInfo?.Year);
    const missing = years.filter((y) => y === undefined).length / years.length;
    const wrong = years.filter((y) => y !== undefined && typeof y !== 'number').length / years.length;
    expect(missing).toBeGreaterThan(0.04);
    expect(missing).toBeLessThan(0.18);
    expect(wrong).toBeGreaterThan(0.04);
    expect(wrong).toBeLessThan(0.18);
  });

  it('writes CBZ only, in a nested folder tree with a few comics at the root', () => {
    expect(new Set(comics.map((c) => c.format))).toEqual(new Set(['CBZ']));
    const depths = comics.map((c) => c.path.split('/').length - 1);
    expect(Math.max(...depths)).toBe(3);
    expect(depths.filter((d) => d === 2).length).toBeGreaterThan(100);
  });
});

describe('realistic profile', () => {
  const comics = [...planLibrary({ profile: 'realistic', count: 2000, seed: 1 })];
  const infos = comics.flatMap((c) => (c.comicInfo ? [c.comicInfo] : []));

  it('gives every comic 10 to 30 tags', () => {
    const tags = tagsOf(comics);
    expect(Math.min(...tags)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...tags)).toBeLessThanOrEqual(30);
  });

  it('shares its vocabularies: far fewer distinct characters and publishers than comics', () => {
    const characters = new Set(infos.flatMap((i) => (i.Characters as string[] | undefined) ?? []));
    const publishers = new Set(infos.map((i) => i.Publisher));
    const series = new Set(infos.map((i) => i.Series));
    expect(characters.size).toBeGreaterThan(50);
    expect(characters.size).toBeLessThan(1000);
    expect(publishers.size).toBeGreaterThan(5);
    expect(publishers.size).toBeLessThan(100);
    expect(series.size).toBeGreaterThan(100);
  });

  it('is mostly CBZ with a few percent of CB7, CBT and PDF', () => {
    const share = (f: string) => comics.filter((c) => c.format === f).length / comics.length;
    expect(share('CBZ')).toBeGreaterThan(0.9);
    for (const f of ['CB7', 'CBT', 'PDF']) {
      expect(share(f)).toBeGreaterThan(0.002);
      expect(share(f)).toBeLessThan(0.05);
    }
  });

  it('lays comics out as publisher/series folders, some deeper, some at the root', () => {
    const depths = comics.map((c) => c.path.split('/').length - 1);
    expect(depths).toContain(0);
    expect(depths).toContain(2);
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(3);
    expect(new Set(comics.map((c) => c.path)).size).toBe(comics.length);
  });
});

describe('sample profile', () => {
  const comics = [...planLibrary({ profile: 'sample', count: 1000, seed: 1 })];

  it('holds a few dozen comics across CBZ, CB7, CBT and PDF', () => {
    expect(comics.length).toBeGreaterThanOrEqual(24);
    expect(comics.length).toBeLessThanOrEqual(48);
    expect(new Set(comics.map((c) => c.format))).toEqual(new Set(['CBZ', 'CB7', 'CBT', 'PDF']));
  });

  it('covers the metadata cases: ComicBookInfo only, a bad field, filename only, ComicInfo in a sub-folder', () => {
    expect(comics.some((c) => c.comicBookInfo && !c.comicInfo)).toBe(true);
    expect(comics.some((c) => c.comicInfo?.Year === 'Nineteen Forty')).toBe(true);
    expect(comics.some((c) => !c.comicInfo && !c.comicBookInfo && !c.pdfInfo)).toBe(true);
    expect(comics.some((c) => c.comicInfoEntry?.includes('/'))).toBe(true);
    expect(comics.some((c) => /[^\x00-\x7f]/.test(c.path))).toBe(true);
  });

  it('does not change with the seed', () => {
    expect([...planLibrary({ profile: 'sample', count: 1000, seed: 99 })]).toEqual(comics);
  });
});
