import { describe, expect, it } from 'vitest';
import { buildPdf, pdfString } from '../../tools/archive-writers/pdf';

const INFO = {
  Title: 'Captain Science #6',
  Author: 'Wally Wood (pencils)',
  Subject: 'Été – a summer of ¿science?',
  Keywords: 'Science Fiction, Adventure',
};

describe('buildPdf', () => {
  it('has an xref table whose every offset points at its object', () => {
    const pdf = buildPdf({ pages: 3, info: INFO }).toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(pdf)![1]);
    expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
    const [, count] = /^xref\n0 (\d+)\n/.exec(pdf.slice(startxref))!;
    const rows = pdf.slice(startxref).split('\n').slice(2, 2 + Number(count));
    expect(rows[0]).toBe('0000000000 65535 f ');
    rows.slice(1).forEach((row, i) => {
      const offset = Number(row.slice(0, 10));
      expect(pdf.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
    });
    expect(rows.every((row) => row.length === 19)).toBe(true); // 20 bytes with the newline
  });

  it('opens in pdf.js with the right page count and Info', async () => {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(buildPdf({ pages: 4, info: INFO })), verbosity: 0 }).promise;
    try {
      expect(doc.numPages).toBe(4);
      const info: unknown = (await doc.getMetadata()).info;
      expect(info).toMatchObject(INFO);
      const page = await doc.getPage(2);
      const text = await page.getTextContent();
      expect(text.items.map((i) => ('str' in i ? i.str : '')).join('')).toBe('Page 2');
    } finally {
      await doc.destroy();
    }
  });

  it('escapes literal strings and writes non-ASCII as UTF-16BE with a BOM', () => {
    expect(pdfString('a (b) \\c')).toBe('(a \\(b\\) \\\\c)');
    expect(pdfString('é')).toBe('<FEFF00E9>');
  });

  it('refuses a PDF without pages', () => {
    expect(() => buildPdf({ pages: 0 })).toThrow(/at least one page/);
  });
});
