import type { Seed } from './seeds';

/**
 * The length, offset and count fields of a seed: where a structure-aware mutation aims. Found by
 * walking the format's records the way a reader would, so the fuzzer corrupts what readers trust.
 */
export interface Field {
  at: number;
  width: number;
  /** Little-endian binary, octal text (tar), or a decimal number in text (PDF, pax). */
  encoding: 'le' | 'octal' | 'decimal';
  label: string;
}

export function fieldsOf(seed: Seed): Field[] {
  switch (seed.format) {
    case 'zip':
      return zipFields(seed.bytes);
    case 'tar':
      return tarFields(seed.bytes);
    case '7z':
      return sevenZipFields();
    case 'rar':
      return rarFields(seed.bytes);
    case 'pdf':
      return pdfFields(seed.bytes);
    case 'compressed-tar':
      return [];
  }
}

const le = (at: number, width: number, label: string): Field => ({ at, width, encoding: 'le', label });

function* signatures(bytes: Buffer, signature: number): Generator<number> {
  for (let at = bytes.indexOf(0x50); at >= 0 && at + 4 <= bytes.length; at = bytes.indexOf(0x50, at + 1)) {
    if (bytes.readUInt32LE(at) === signature) yield at;
  }
}

function zipFields(bytes: Buffer): Field[] {
  const fields: Field[] = [];
  for (const at of signatures(bytes, 0x06054b50)) {
    fields.push(le(at + 8, 2, 'EOCD entries on disk'), le(at + 10, 2, 'EOCD entry count'), le(at + 12, 4, 'EOCD directory size'), le(at + 16, 4, 'EOCD directory offset'), le(at + 20, 2, 'EOCD comment length'));
  }
  for (const at of signatures(bytes, 0x07064b50)) fields.push(le(at + 8, 8, 'zip64 locator offset'));
  for (const at of signatures(bytes, 0x06064b50)) {
    fields.push(le(at + 24, 8, 'zip64 entries on disk'), le(at + 32, 8, 'zip64 entry count'), le(at + 40, 8, 'zip64 directory size'), le(at + 48, 8, 'zip64 directory offset'));
  }
  for (const at of signatures(bytes, 0x02014b50)) {
    if (at + 46 > bytes.length) continue;
    fields.push(
      le(at + 10, 2, 'central method'),
      le(at + 20, 4, 'central compressed size'),
      le(at + 24, 4, 'central size'),
      le(at + 28, 2, 'central name length'),
      le(at + 30, 2, 'central extra length'),
      le(at + 32, 2, 'central comment length'),
      le(at + 42, 4, 'central local offset'),
    );
    const extraStart = at + 46 + bytes.readUInt16LE(at + 28);
    const extraEnd = Math.min(bytes.length, extraStart + bytes.readUInt16LE(at + 30));
    for (let x = extraStart; x + 4 <= extraEnd; x += 4 + bytes.readUInt16LE(x + 2)) {
      fields.push(le(x, 2, 'extra field id'), le(x + 2, 2, 'extra field length'));
      for (let v = x + 4; v + 8 <= Math.min(extraEnd, x + 4 + bytes.readUInt16LE(x + 2)); v += 8) fields.push(le(v, 8, 'zip64 extra value'));
    }
  }
  for (const at of signatures(bytes, 0x04034b50)) {
    if (at + 30 > bytes.length) continue;
    fields.push(le(at + 18, 4, 'local compressed size'), le(at + 22, 4, 'local size'), le(at + 26, 2, 'local name length'), le(at + 28, 2, 'local extra length'));
  }
  return fields;
}

function tarFields(bytes: Buffer): Field[] {
  const fields: Field[] = [];
  const octal = (at: number, width: number, label: string): Field => ({ at, width, encoding: 'octal', label });
  for (let at = 0; at + 512 <= bytes.length; ) {
    const header = bytes.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    fields.push(octal(at + 124, 12, 'tar size'), octal(at + 136, 12, 'tar mtime'), octal(at + 148, 8, 'tar checksum'), le(at + 156, 1, 'tar type'));
    const size = parseInt(header.toString('latin1', 124, 136).replace(/[^0-7]/g, '') || '0', 8);
    const type = String.fromCharCode(header[156]!);
    if (type === 'x' || type === 'g') fields.push(...decimals(bytes, at + 512, Math.min(bytes.length, at + 512 + size), 'pax number'));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return fields;
}

/** The signature header: start-header CRC, next-header offset, size and CRC. */
function sevenZipFields(): Field[] {
  return [le(8, 4, '7z start header CRC'), le(12, 8, '7z next header offset'), le(20, 8, '7z next header size'), le(28, 4, '7z next header CRC')];
}

/** RAR 4 block headers (CRC, type, flags, size, data size); RAR 5's variable-length ones get generic mutations. */
function rarFields(bytes: Buffer): Field[] {
  const fields: Field[] = [];
  if (bytes[6] !== 0x00) return fields;
  for (let at = 7; at + 7 <= bytes.length; ) {
    const flags = bytes.readUInt16LE(at + 3);
    const size = bytes.readUInt16LE(at + 5);
    fields.push(le(at, 2, 'RAR header CRC'), le(at + 2, 1, 'RAR header type'), le(at + 3, 2, 'RAR header flags'), le(at + 5, 2, 'RAR header size'));
    let dataSize = 0;
    if (flags & 0x8000 && at + 11 <= bytes.length) {
      fields.push(le(at + 7, 4, 'RAR data size'));
      dataSize = bytes.readUInt32LE(at + 7);
    }
    if (size < 7) break;
    at += size + dataSize;
  }
  return fields;
}

/** Numbers near the keys a PDF reader follows: xref offsets, object counts, lengths, the page count. */
function pdfFields(bytes: Buffer): Field[] {
  const text = bytes.toString('latin1');
  const fields: Field[] = [];
  for (const match of text.matchAll(/(startxref\s+|\/(?:Size|Count|Length|Prev|Root|Info|N|First|W|Index|XRefStm)\s*\[?\s*)(\d+)/g)) {
    fields.push({ at: match.index + match[1]!.length, width: match[2]!.length, encoding: 'decimal', label: `PDF ${match[1]!.trim().replace(/\s*\[$/, '')}` });
  }
  // The classic xref table: each entry's ten-digit offset.
  for (const match of text.matchAll(/^(\d{10}) \d{5} [nf]\s*$/gm)) fields.push({ at: match.index, width: 10, encoding: 'decimal', label: 'PDF xref offset' });
  return fields;
}

function decimals(bytes: Buffer, start: number, end: number, label: string): Field[] {
  const text = bytes.toString('latin1', start, end);
  return [...text.matchAll(/\d+/g)].map((match) => ({ at: start + match.index, width: match[0].length, encoding: 'decimal' as const, label }));
}
