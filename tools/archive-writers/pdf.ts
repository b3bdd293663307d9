import { writeFileSync } from 'node:fs';

/** Info dictionary entries (Title, Author, Subject, Keywords, Creator, Producer, ...). */
export type PdfInfo = Record<string, string>;

export interface PdfSpec {
  pages: number;
  info?: PdfInfo;
}

const PAGE_WIDTH = 200;
const PAGE_HEIGHT = 300;

/** Write a minimal valid PDF 1.4 synchronously. */
export function writePdf(path: string, spec: PdfSpec): void {
  writeFileSync(path, buildPdf(spec));
}

/**
 * Objects: 1 catalog, 2 page tree, 3 font, 4 info, then a page and its content stream per page.
 * The xref table gives each object's byte offset, as readers seek by it.
 */
export function buildPdf({ pages, info = {} }: PdfSpec): Buffer {
  if (pages < 1) throw new Error('pdf writer: a PDF needs at least one page');
  const pageIds = Array.from({ length: pages }, (_, i) => 5 + 2 * i);
  const objects: string[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    infoDictionary(info),
  ];
  for (let i = 0; i < pages; i++) {
    const content = `0.85 0.85 0.8 rg 0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT} re f\n0 g BT /F1 24 Tf 40 140 Td (Page ${i + 1}) Tj ET\n`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`,
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    );
  }
  // The binary comment line tells transfer tools the file is binary.
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

function infoDictionary(info: PdfInfo): string {
  const entries = Object.entries(info).map(([key, value]) => `/${pdfName(key)} ${pdfString(value)}`);
  return `<< ${entries.join(' ')} >>`;
}

function pdfName(key: string): string {
  if (!/^[A-Za-z0-9]+$/.test(key)) throw new Error(`pdf writer: unsupported Info key ${key}`);
  return key;
}

/** Printable ASCII as a literal string; anything else as UTF-16BE with a BOM, as PDF requires. */
export function pdfString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `<FEFF${Buffer.from(value, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}
