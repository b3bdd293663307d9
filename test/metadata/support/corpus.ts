import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../support/corpus';

/**
 * Reads the shared corpus at test time, through tools independent of the code under test:
 * Python's zipfile for zip entries and comments, pdf.js for PDF Info and XMP (what the archive
 * reader hands to buildMetadata). Nothing from the corpus is copied into the repository.
 */
export const CORPUS = corpusPath('comicbox/');

export interface ZipContents {
  names: string[];
  comment: string;
  read(entry: string): Buffer;
}

const PY_ZIP = `
import base64, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({
    "names": z.namelist(),
    "comment": z.comment.decode("utf-8"),
    "files": {n: base64.b64encode(z.read(n)).decode() for n in z.namelist() if not n.endswith("/")},
}))
`;

/**
 * The zip's names, comment and entries, read with Python on first use: describe blocks call this
 * while vitest collects tests, which it does even when the corpus is absent and they are skipped.
 */
export function readZip(fileName: string): ZipContents {
  let out: { names: string[]; comment: string; files: Record<string, string> } | undefined;
  const load = () => (out ??= JSON.parse(execFileSync('python3', ['-c', PY_ZIP, CORPUS + fileName]).toString()) as NonNullable<typeof out>);
  return {
    get names() {
      return load().names;
    },
    get comment() {
      return load().comment;
    },
    read(entry) {
      const data = load().files[entry];
      if (data === undefined) throw new Error(`${fileName} has no entry ${entry}`);
      return Buffer.from(data, 'base64');
    },
  };
}

export async function readPdfMetadata(fileName: string): Promise<{ info: Record<string, unknown>; xmp?: string }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(readFileSync(CORPUS + fileName));
  const document = await getDocument({ data, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const { info, metadata } = await document.getMetadata();
    const xmp = metadata?.getRaw();
    return { info: info as Record<string, unknown>, ...(typeof xmp === 'string' && { xmp }) };
  } finally {
    await document.destroy();
  }
}
