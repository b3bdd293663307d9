import { describe, expect, it } from 'vitest';
import { displayName, fsPathOf, isValidUtf8, nameBytes, readableName } from '../../src/path-bytes';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

describe('path bytes: display names', () => {
  it.each([
    ['a Latin-1 é', bytes('caf', [0xe9], ' #1.cbz'), 'caf\\xe9 #1.cbz'],
    ['a lone continuation byte', bytes([0x80], 'x'), '\\x80x'],
    ['a truncated sequence', bytes('a', [0xe2, 0x82]), 'a\\xe2\\x82'],
    ['an overlong slash', bytes([0xc0, 0xaf]), '\\xc0\\xaf'],
    ['a UTF-8-encoded surrogate (CESU)', bytes([0xed, 0xa0, 0x80]), '\\xed\\xa0\\x80'],
    ['a code point past U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), '\\xf4\\x90\\x80\\x80'],
    ['a backslash beside a bad byte', bytes('a\\b', [0xff]), 'a\\x5cb\\xff'],
    ['valid UTF-8 around a bad byte', bytes('été ', [0xe9], ' 漫画'), 'été \\xe9 漫画'],
  ])('escapes %s and gets the same bytes back', (_case, name, display) => {
    expect(displayName(name)).toBe(display);
    expect(nameBytes(display)).toEqual(name);
  });

  it.each([
    ['plain ASCII', 'Saga #001 (2012).cbz'],
    ['accents and CJK', 'Astérix 漫画 #1.cbz'],
    ['an emoji', 'Zap 🦸.cbz'],
    ['U+FFFD written in the name itself', 'caf\uFFFD #1.cbz'],
    ['a literal backslash-x escape', 'caf\\xe9 #1.cbz'],
    ['a literal backslash', 'a\\b.cbz'],
    ['percent escapes', 'Batman%20%23001.cbz'],
  ])('leaves a valid UTF-8 name unchanged: %s', (_case, name) => {
    expect(displayName(Buffer.from(name, 'utf8'))).toBe(name);
  });

  it.each([
    ['a valid name with no escape', 'café.cbz'],
    ['an escape of an ASCII byte (never written)', 'caf\\x41.cbz'],
    ['upper-case hex (never written)', 'caf\\xE9.cbz'],
    ['a bare backslash beside an escape', 'a\\b\\xe9.cbz'],
    ['escapes that spell valid UTF-8', 'caf\\xc3\\xa9.cbz'],
    ['a short escape', 'caf\\xe'],
  ])('reads %s as a name as written', (_case, display) => {
    expect(nameBytes(display)).toBeUndefined();
  });

  it('never gives two different byte names the same display name', () => {
    const names: Buffer[] = [];
    for (let byte = 0; byte < 256; byte++) {
      if (byte === 0x2f || byte === 0) continue;
      names.push(Buffer.of(byte), Buffer.of(0x61, byte), Buffer.of(byte, 0x5c), Buffer.of(0xc3, byte), Buffer.of(0xe2, 0x82, byte));
    }
    names.push(bytes([0xe9]), bytes('\\', [0xe9]), bytes('\\x5c', [0xe9]), bytes('\\xe9', [0xe9]), bytes([0xe9, 0xe9]));
    const seen = new Map<string, string>();
    for (const name of names) {
      const display = displayName(name);
      const hexName = name.toString('hex');
      expect(seen.get(display) ?? hexName, display).toBe(hexName);
      seen.set(display, hexName);
      expect(nameBytes(display) ?? Buffer.from(display, 'utf8')).toEqual(name);
    }
  });

  it('shares a display name only with a valid name spelled exactly like the escape (the walk reports that one)', () => {
    expect(displayName(bytes('caf\\xe9'))).toBe(displayName(bytes('caf', [0xe9])));
  });

  it('agrees with Node on what valid UTF-8 is', () => {
    for (let first = 0x80; first < 0x100; first++) {
      for (const second of [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0]) {
        const sample = Buffer.of(first, second, 0x80, 0x80);
        expect(isValidUtf8(sample), sample.toString('hex')).toBe(Buffer.from(sample.toString('utf8'), 'utf8').equals(sample));
      }
    }
  });
});

describe('path bytes: paths and readable names', () => {
  it('hands over the string itself when no part is escaped', () => {
    expect(fsPathOf('/lib/Saga/Saga #1.cbz')).toBe('/lib/Saga/Saga #1.cbz');
    expect(fsPathOf('/lib/a\\xe9b/literal \\x41.cbz')).toEqual(bytes('/lib/a', [0xe9], 'b/literal \\x41.cbz'));
  });

  it('reads the bad bytes of a name as windows-1252 for metadata', () => {
    expect(readableName('caf\\xe9 #1.cbz')).toBe('café #1.cbz');
    expect(readableName('Saga #1.cbz')).toBe('Saga #1.cbz');
  });
});
