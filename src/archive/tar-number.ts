/**
 * A tar header number: octal text, which old writers pad with leading spaces ("  5205 \0") and end
 * with a space or NUL, or GNU base-256 (first byte 0x80) for sizes past 8 GiB. Undefined for
 * anything else, negative base-256 (first byte 0xff) included: no size or checksum is negative.
 */
export function parseNumber(field: Buffer): number | undefined {
  if (field[0] === 0x80) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return Number.isSafeInteger(value) ? value : undefined;
  }
  const text = field.toString('latin1').replace(/^[ \0]+/, '');
  // What follows the terminator is ignored, as every tar reader does.
  const digits = text.slice(0, text.search(/[ \0]|$/));
  if (!/^[0-7]*$/.test(digits)) return undefined;
  return digits === '' ? 0 : parseInt(digits, 8);
}

/** A whole, non-negative decimal, as pax records and a PAX 1.0 sparse map write numbers. */
export function decimal(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
