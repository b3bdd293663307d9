import { createRng } from '../../tools/prng';

/**
 * What self-extracting comics carry before their zip: readers find the zip by its end records and
 * shift every offset by the stub's length. The stubs' lengths are odd on purpose: nothing may
 * assume the zip starts on an aligned offset.
 */

/** A Windows executable's head (DOS header, DOS stub, PE signature) and 6 KiB of code-like bytes. */
export function windowsStub(): Buffer {
  const stub = Buffer.alloc(6 * 1024 + 3);
  const rng = createRng(0x5f5);
  for (let i = 0; i < stub.length; i++) stub[i] = rng.int(0, 255);
  stub.write('MZ', 0, 'latin1');
  stub.writeUInt32LE(0x80, 0x3c); // e_lfanew: where the PE header starts
  stub.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
  stub.write('PE\0\0', 0x80, 'latin1');
  return stub;
}

/** The script of a shell self-extractor: it unzips itself, skipping the script, and exits. */
export const SHELL_STUB = Buffer.from('#!/bin/sh\n# Self-extracting comic: run it, or open it with any zip reader.\nunzip -o "$0" -d "${0%.*}" 2>/dev/null\nexit 0\n', 'latin1');
