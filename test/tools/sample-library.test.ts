import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSampleLibrary } from '../../sample/generate';
import { MANIFEST_FILE, readManifest } from '../../tools/library/manifest-file';
import { pythonJson } from '../support/python';

const root = mkdtempSync(join(tmpdir(), 'longbox-sample-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Opens every archive of the library with python's zipfile / tarfile and reports what it found.
const INSPECT = `
import json, sys, tarfile, zipfile, pathlib
out = {}
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*")):
    rel = p.relative_to(sys.argv[1]).as_posix()
    if p.suffix == ".cbz":
        with zipfile.ZipFile(p) as z:
            assert z.testzip() is None
            out[rel] = {"names": z.namelist(), "comment": z.comment.decode("utf-8")}
    elif p.suffix == ".cbt":
        with tarfile.open(p) as t:
            out[rel] = {"names": t.getnames(), "comment": ""}
print(json.dumps(out))
`;

describe('ensureSampleLibrary', () => {
  it('writes every comic of its manifest, each archive readable by python', async () => {
    const dir = await ensureSampleLibrary(join(root, 'library'));
    const { comics } = readManifest(dir);
    const archives = pythonJson<Record<string, { names: string[]; comment: string }>>(INSPECT, dir);
    for (const comic of comics) {
      expect(statSync(join(dir, comic.path)).mtimeMs).toBe(comic.mtime);
      if (comic.format !== 'CBZ' && comic.format !== 'CBT') continue;
      const { names, comment } = archives[comic.path]!;
      expect(names.filter((n) => n.endsWith('.png') && !n.includes('/'))).toHaveLength(comic.pages);
      if (comic.comicInfo) expect(names).toContain(comic.comicInfoEntry ?? 'ComicInfo.xml');
      if (comic.comicBookInfo) expect(JSON.parse(comment)['ComicBookInfo/1.0']).toEqual(comic.comicBookInfo);
    }
  });

  it('leaves an up-to-date library alone', async () => {
    const dir = join(root, 'library');
    const before = statSync(join(dir, MANIFEST_FILE)).mtimeMs;
    await ensureSampleLibrary(dir);
    expect(statSync(join(dir, MANIFEST_FILE)).mtimeMs).toBe(before);
  });

  it('regenerates a library whose manifest no longer matches', async () => {
    const dir = join(root, 'library');
    const manifest = join(dir, MANIFEST_FILE);
    writeFileSync(manifest, readFileSync(manifest, 'utf8').split('\n').slice(0, 2).join('\n'));
    await ensureSampleLibrary(dir);
    expect(readManifest(dir).comics.length).toBeGreaterThan(20);
  });

  it('never deletes a folder that is not a generated library', async () => {
    const dir = join(root, 'precious');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    await expect(ensureSampleLibrary(dir)).rejects.toThrow(/not a generated library/);
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
