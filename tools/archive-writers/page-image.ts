import { deflateSync } from 'node:zlib';
import { crc32 } from './crc32';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * A valid single-colour RGB PNG. Page images only need to exist and decode: readers count them
 * and may measure them, so a few dozen bytes per page keep generated libraries small and fast.
 */
export function makePng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const row = Buffer.alloc(1 + width * 3); // filter byte 0, then pixels
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 1x1 grey PNG for tests that need any page. */
export const PAGE_PNG = makePng(1, 1, [128, 128, 128]);

/**
 * Sixty-four small PNGs of different colours, built once: generators pick one per page so that
 * comics with the same metadata still differ in content (move detection hashes content).
 */
export const PAGE_PNGS: readonly Buffer[] = Array.from({ length: 64 }, (_, i) =>
  makePng(4, 6, [(i * 37) & 0xff, (i * 91) & 0xff, (i * 53) & 0xff]),
);
