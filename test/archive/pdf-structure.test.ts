import fc from 'fast-check';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfjsOnce } from '../../src/archive/pdf';
import { readPdfStructure } from '../../src/archive/pdf-structure';
import { buildAttachmentPdf } from '../../tools/archive-writers/attachment-pdf';
import { buildPdf } from '../../tools/archive-writers/pdf';
import { CORPUS_DIR, CORPUS_TAG } from '../support/corpus';
import { tempDir } from '../support/library';

const TEXT_KEYS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer', 'CreationDate', 'ModDate'];

/**
 * What pdf.js reports of a file, in readPdfStructure's terms, or undefined when it cannot open it;
 * `repaired` when it said anything on the way (a broken table rebuilt, an object skipped).
 */
async function pdfjsView(path: string) {
  const { getDocument, VerbosityLevel } = await pdfjsOnce();
  // pdf.js says what it repaired through console.info and console.warn.
  const said: unknown[] = [];
  const original = { info: console.info, warn: console.warn };
  console.info = console.warn = (...args: unknown[]) => void said.push(args);
  const task = getDocument({ url: path, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, disableAutoFetch: true, verbosity: VerbosityLevel.INFOS });
  try {
    const document = await task.promise;
    const { info, metadata } = (await document.getMetadata()) as unknown as { info: Record<string, unknown>; metadata: { getRaw(): unknown } | null };
    const xmp = metadata?.getRaw();
    const read = {
      pageCount: document.numPages,
      info: Object.fromEntries(TEXT_KEYS.filter((key) => typeof info[key] === 'string').map((key) => [key, info[key]])),
      ...(typeof xmp === 'string' && xmp.length > 0 && { xmp }),
    };
    return { read, repaired: said.length > 0 };
  } catch {
    return undefined;
  } finally {
    Object.assign(console, original);
    await task.destroy();
  }
}

/** A PDF of the given objects (numbered from 1, the catalog first unless `root` says) with a classic cross-reference table. */
function pdfOf(objects: (string | Buffer)[], trailer = '', root = 1): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets = objects.map((body, i) => {
    const at = length;
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.from(body as string, 'latin1'), Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(object);
    length += object.length;
    return at;
  });
  const table = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  parts.push(Buffer.from(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${table}trailer\n<< /Size ${objects.length + 1} /Root ${root} 0 R ${trailer}>>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(parts);
}

/** `base` with an incremental update: a table of `entries` (object number to its table line) and a trailer naming the one before. */
function updated(base: Buffer, entries: Record<number, string>, trailer: string): Buffer {
  const previous = /startxref\n(\d+)/.exec(base.toString('latin1'))![1];
  const table = Object.entries(entries).map(([num, line]) => `${num} 1\n${line} \n`).join('');
  return Buffer.concat([base, Buffer.from(`xref\n${table}trailer\n<< /Size 9 /Root 1 0 R /Prev ${previous} ${trailer}>>\nstartxref\n${base.length}\n%%EOF\n`, 'latin1')]);
}

/** A linearized file: its first object the dictionary whose /L is the file's length, as pdf.js checks. */
function linearizedPdf(): Buffer {
  const objects = ['<< /Linearized 1 /L 0000000000 /N 1 >>', '<< /Type /Catalog /Pages 3 0 R >>', '<< /Type /Pages /Kids [4 0 R] /Count 1 >>', '<< /Type /Page /Parent 3 0 R >>'];
  const bytes = pdfOf(objects, '', 2);
  return Buffer.from(bytes.toString('latin1').replace('/L 0000000000', `/L ${String(bytes.length).padStart(10, '0')}`), 'latin1');
}

const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
const hex = (bytes: number[]) => `<${Buffer.from(bytes).toString('hex')}>`;

/** A one-page PDF whose Info dictionary is `info` (PDF syntax) and whose catalog's /Metadata is `metadata`, when given. */
function documentWith(info: string, metadata?: Buffer): Buffer {
  const objects: (string | Buffer)[] = [
    `<< /Type /Catalog /Pages 2 0 R${metadata === undefined ? '' : ' /Metadata 5 0 R'} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] >>',
    `<< ${info} >>`,
  ];
  if (metadata) objects.push(metadata);
  return pdfOf(objects, '/Info 4 0 R ');
}

/** An XMP metadata stream, deflated. */
const xmpStream = (packet: Buffer) => stream('/Type /Metadata /Subtype /XML /Filter /FlateDecode', deflateSync(packet));

const XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Flash ü</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>';

const cases: Record<string, Buffer> = {
  'the generated comic PDF, ASCII and UTF-16 Info': buildPdf({ pages: 3, info: { Title: 'Flash (1959) #1', Author: 'Gardner Fox', Keywords: 'Ünïcode ★ 😀' } }),
  'object streams and a cross-reference stream': buildAttachmentPdf({ compact: true, attachments: [] }),
  'PDFDocEncoding bytes': documentWith(`/Title ${hex([0x41, 0x80, 0x8d, 0x8e, 0x92, 0x9e, 0xa0, 0xa9, 0xe9, 0x18, 0x9f])} /Author (Fran\\347ois)`),
  'UTF-16LE, UTF-8, odd UTF-16BE and a lone surrogate': documentWith(
    `/Title ${hex([0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00])} /Author ${hex([0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0x21])} /Subject ${hex([0xfe, 0xff, 0x00, 0x42, 0x00])} /Keywords ${hex([0xfe, 0xff, 0xd8, 0x00, 0x00, 0x41])}`,
  ),
  'language escapes in both kinds of string': documentWith(`/Title ${hex([0xfe, 0xff, 0x00, 0x1b, 0x00, 0x65, 0x00, 0x6e, 0x00, 0x1b, 0x00, 0x48, 0x00, 0x69])} /Author ${hex([0x1b, 0x66, 0x72, 0x1b, 0x4f, 0x75, 0x69, 0x1b, 0x6e])}`),
  'Info values that are not strings, and one by reference': documentWith('/Title 42 /Author /Name /Subject [(a)] /Creator 3 0 R /Producer (p) /Custom (c)'),
  'an XMP packet with text before it and an octal-escaped UTF-16 value': documentWith('/Title (t)', xmpStream(Buffer.from(`junk\n${XMP.replace('Flash ü', '\\376\\377\\000A\\000&amp;\\000<\\000\\351')}`, 'latin1'))),
  'an XMP packet that is not UTF-8': documentWith('/Title (t)', xmpStream(Buffer.from(XMP.replace('ü', '\xfc'), 'latin1'))),
  'a metadata stream of another subtype': documentWith('/Title (t)', stream('/Type /Metadata /Subtype /Text', Buffer.from(XMP))),
  'an uncompressed XMP packet': documentWith('', stream('/Type /Metadata /Subtype /XML', Buffer.from(XMP))),
  'a repeated key, the last counting': documentWith('/Title (first) /Title (second)'),
  'an update whose trailer drops the Info': updated(documentWith('/Title (Old)'), {}, ''),
  'an update that frees the Info object': updated(documentWith('/Title (Old)'), { 4: '0000000000 00001 f' }, '/Info 4 0 R '),
  'a thousand pages naming one huge object as their type, read once': pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${'<< /Type 3 0 R >> '.repeat(1000)}] /Count 1000 >>`,
    `/Page${' '.repeat(1024 * 1024)}`,
  ]),
};

describe('readPdfStructure', () => {
  it.each(Object.keys(cases))('reads what pdf.js reads: %s', async (name) => {
    const path = join(tempDir(), 'comic.pdf');
    writeFileSync(path, cases[name]!);
    const ours = readPdfStructure(path);
    expect(ours).toBeDefined();
    expect(ours).toEqual((await pdfjsView(path))?.read);
  });

  it('reads what pdf.js reads from every PDF of the corpus', { tags: CORPUS_TAG }, async () => {
    const pdfs = (readdirSync(CORPUS_DIR, { recursive: true, encoding: 'utf8' }) as string[]).filter((path) => path.endsWith('.pdf')).sort();
    expect(pdfs.length).toBeGreaterThanOrEqual(9);
    const leftToPdfjs: string[] = [];
    for (const pdf of pdfs) {
      const path = join(CORPUS_DIR, pdf);
      const structure = readPdfStructure(path);
      if (structure === undefined) leftToPdfjs.push(pdf);
      else expect({ pdf, structure }).toEqual({ pdf, structure: (await pdfjsView(path))?.read });
    }
    // Its /L is not its length: pdf.js reads it as a file that is not linearized, and so do we.
    expect(leftToPdfjs).toEqual([]);
  });

  it('leaves to pdf.js what only it can read or judge', () => {
    const dir = tempDir();
    const pageTree = (count: string) => ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [3 0 R] /Count ${count} >>`, '<< /Type /Page /Parent 2 0 R >>'];
    const files: Record<string, Buffer> = {
      encrypted: pdfOf(pageTree('1'), '/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> '),
      'negative count': pdfOf(pageTree('-1')),
      'fractional count': pdfOf(pageTree('2.5')),
      'no page tree': pdfOf(['<< /Type /Catalog >>']),
      'no cross-reference table': Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n'),
      // Readable here but for its linearization dictionary, whose /N pdf.js takes for the page count.
      linearized: linearizedPdf(),
      'a filter our reader does not decode': documentWith('', stream('/Type /Metadata /Subtype /XML /Filter /LZWDecode', Buffer.from('xx'))),
      'predictor parameters on the XMP packet': documentWith('', stream('/Type /Metadata /Subtype /XML /Filter /FlateDecode /DecodeParms << /Predictor 1 >>', deflateSync(XMP))),
      'an XMP packet whose deflate checksum is wrong': documentWith('', stream('/Type /Metadata /Subtype /XML /Filter /FlateDecode', Buffer.concat([deflateSync(XMP).subarray(0, -4), Buffer.from([0, 0, 0, 0])]))),
      'a /Count past the pages': pdfOf(pageTree('3')),
      'a reference to another generation': pdfOf(['<< /Type /Catalog /Pages 2 1 R >>', ...pageTree('1').slice(1)]),
      // Objects 4 and 5 swapped in the table: the Info found at 4's offset is object 5.
      'a table entry at another object': Buffer.from(
        pdfOf([...pageTree('1'), '<< /Title (four) >>', '<< /Title (five) >>'], '/Info 4 0 R ')
          .toString('latin1')
          .replace(/(\d{10} 00000 n \n)(\d{10} 00000 n \n)(trailer)/, '$2$1$3'),
        'latin1',
      ),
      'an object not closed by endobj': pdfOf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >> stream?', '<< /Type /Page /Parent 2 0 R >>']),
      'a number as PDF does not write one': pdfOf(pageTree('0x1')),
      'an octal escape past one byte': documentWith('/Title (\\400A)'),
      'an Info dictionary that is a stream': pdfOf([...pageTree('1'), stream('/Title (t)', Buffer.from('x'))], '/Info 4 0 R '),
    };
    const read = Object.fromEntries(
      Object.entries(files).map(([name, bytes], i) => {
        const path = join(dir, `${i}.pdf`);
        writeFileSync(path, bytes);
        return [name, readPdfStructure(path)];
      }),
    );
    expect(read).toEqual(Object.fromEntries(Object.keys(files).map((name) => [name, undefined])));
  });

  // On a damaged file pdf.js repairs what it can (rebuilds a table, skips an object) and may read
  // less than the file holds; where it needed no repair, the two must agree.
  it('agrees with pdf.js on damaged copies that pdf.js reads without repairs', async () => {
    // Three pages in a two-level tree, Info by reference, a deflated XMP packet.
    const seed = pdfOf(
      [
        '<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>',
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 >>',
        '<< /Type /Page /Parent 2 0 R >>',
        '<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 >>',
        '<< /Type /Page /Parent 4 0 R >>',
        '<< /Type /Page /Parent 4 0 R >>',
        xmpStream(Buffer.from(XMP)),
        `<< /Title (Seed) /Author ${hex([0xfe, 0xff, 0x00, 0xe9])} >>`,
      ],
      '/Info 8 0 R ',
    );
    const path = join(tempDir(), 'mutant.pdf');
    const mutation = fc.array(fc.record({ at: fc.nat({ max: seed.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 2 });
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(mutation, fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, { arbitrary: fc.nat({ max: seed.length }), weight: 1 }), async (changes, cut) => {
        const bytes = Buffer.from(seed.subarray(0, cut ?? seed.length));
        for (const { at, byte } of changes) if (at < bytes.length) bytes[at] = byte;
        writeFileSync(path, bytes);
        const ours = readPdfStructure(path);
        const theirs = await pdfjsView(path);
        if (ours === undefined || theirs === undefined || theirs.repaired) return;
        compared++;
        expect(ours).toEqual(theirs.read);
      }),
      { numRuns: 300 },
    );
    // About one mutant in ten stays clean for both (measured: 383-403 of 4,000).
    expect(compared).toBeGreaterThan(10);
  });
});
