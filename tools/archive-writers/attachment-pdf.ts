import { deflateRawSync, deflateSync, constants as zlib } from 'node:zlib';
import { pdfString } from './pdf';

/**
 * PDFs with embedded files, written for the attachment tests: plain or Flate-compressed files,
 * declared sizes true or false, a one-leaf or two-level name tree, and either a classic xref table
 * or the compact layout (objects in an object stream, a predicted cross-reference stream).
 */
export interface Attachment {
  name: string;
  /** The stream's data as stored (already compressed when `filter` says so). */
  stored: Buffer;
  filter?: 'FlateDecode' | 'ASCIIHexDecode';
  /** /Params /Size, what the file says its content is. */
  declaredSize?: number;
}

export interface AttachmentPdfSpec {
  attachments: Attachment[];
  compact?: boolean;
  /** The name tree as a root with one kid, instead of one leaf. */
  kids?: boolean;
}

export const flate = (data: Buffer | string): Pick<Attachment, 'stored' | 'filter'> => ({ stored: deflateSync(data), filter: 'FlateDecode' });

/**
 * A zlib stream of `mib` MiB of zeros in about `mib` KiB: one full-flushed block repeated (a full
 * flush resets the compressor, so every block is the same bytes), without ever holding the zeros.
 */
export function zeroBomb(mib: number): Pick<Attachment, 'stored' | 'filter'> {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: zlib.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((mib * 1024 * 1024) % 65521) * 65536 + 1) >>> 0);
  const stored = Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array<Buffer>(mib).fill(block), deflateRawSync(Buffer.alloc(0)), adler]);
  return { stored, filter: 'FlateDecode' };
}

export function buildAttachmentPdf({ attachments, compact = false, kids = false }: AttachmentPdfSpec): Buffer {
  // 1 catalog, 2 pages, 3 page, 4 name tree root, 5 leaf (with kids), then a file spec and a stream per attachment.
  const first = kids ? 6 : 5;
  const specId = (i: number) => first + 2 * i;
  const leaf = `<< /Names [${attachments.map((a, i) => `${pdfString(a.name)} ${specId(i)} 0 R`).join(' ')}] >>`;
  const objects = new Map<number, string | Buffer>([
    [1, '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>'],
    [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 300] >>'],
    [4, kids ? '<< /Kids [5 0 R] >>' : leaf],
  ]);
  if (kids) objects.set(5, leaf);
  attachments.forEach((attachment, i) => {
    objects.set(specId(i), `<< /Type /Filespec /F ${pdfString(attachment.name)} /UF ${pdfString(attachment.name)} /EF << /F ${specId(i) + 1} 0 R >> >>`);
    const params = attachment.declaredSize === undefined ? '' : ` /Params << /Size ${attachment.declaredSize} >>`;
    const filter = attachment.filter ? ` /Filter /${attachment.filter}` : '';
    objects.set(specId(i) + 1, stream(`/Type /EmbeddedFile /Length ${attachment.stored.length}${filter}${params}`, attachment.stored));
  });
  return compact ? compactLayout(objects) : classicLayout(objects);
}

function stream(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

function body(objects: Map<number, string | Buffer>, offsets: Map<number, number>): Buffer[] {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'latin1')];
  let at = parts[0]!.length;
  for (const [id, object] of objects) {
    const bytes = Buffer.concat([Buffer.from(`${id} 0 obj\n`, 'latin1'), Buffer.from(object as string, typeof object === 'string' ? 'latin1' : undefined), Buffer.from('\nendobj\n', 'latin1')]);
    offsets.set(id, at);
    parts.push(bytes);
    at += bytes.length;
  }
  return parts;
}

function classicLayout(objects: Map<number, string | Buffer>): Buffer {
  const offsets = new Map<number, number>();
  const parts = body(objects, offsets);
  const xrefAt = parts.reduce((sum, part) => sum + part.length, 0);
  const size = Math.max(...objects.keys()) + 1;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let id = 1; id < size; id++) xref += offsets.has(id) ? `${String(offsets.get(id)).padStart(10, '0')} 00000 n \n` : '0000000000 65535 f \n';
  xref += `trailer\n<< /Size ${size} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

/** Every dictionary in one object stream; the xref stream's rows PNG-predicted (Up), as qpdf and pikepdf write them. */
function compactLayout(objects: Map<number, string | Buffer>): Buffer {
  const packed = [...objects].filter((entry): entry is [number, string] => typeof entry[1] === 'string');
  const streams = new Map([...objects].filter(([, object]) => typeof object !== 'string'));
  const objStmId = Math.max(...objects.keys()) + 1;
  const xrefId = objStmId + 1;
  let header = '';
  let content = '';
  for (const [id, object] of packed) {
    header += `${id} ${content.length} `;
    content += `${object}\n`;
  }
  const objStmData = deflateSync(Buffer.from(header + content, 'latin1'));
  streams.set(objStmId, stream(`/Type /ObjStm /N ${packed.length} /First ${header.length} /Length ${objStmData.length} /Filter /FlateDecode`, objStmData));
  const offsets = new Map<number, number>();
  const parts = body(streams, offsets);
  const xrefAt = parts.reduce((sum, part) => sum + part.length, 0);
  offsets.set(xrefId, xrefAt);
  const rows: Buffer[] = [];
  const packedIndex = new Map(packed.map(([id], i) => [id, i]));
  for (let id = 0; id <= xrefId; id++) {
    const row = Buffer.alloc(7);
    if (packedIndex.has(id)) {
      row[0] = 2;
      row.writeUInt32BE(objStmId, 1);
      row.writeUInt16BE(packedIndex.get(id)!, 5);
    } else if (offsets.has(id)) {
      row[0] = 1;
      row.writeUInt32BE(offsets.get(id)!, 1);
    }
    rows.push(row);
  }
  const predicted = rows.map((row, r) => Buffer.concat([Buffer.from([2]), Buffer.from(row.map((byte, i) => (byte - (r > 0 ? rows[r - 1]![i]! : 0)) & 0xff))]));
  const xrefData = deflateSync(Buffer.concat(predicted));
  const xref = stream(`/Type /XRef /Size ${xrefId + 1} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> /Length ${xrefData.length}`, xrefData);
  return Buffer.concat([...parts, Buffer.from(`${xrefId} 0 obj\n`, 'latin1'), xref, Buffer.from(`\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1')]);
}
