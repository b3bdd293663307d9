import { describe, expect, it } from 'vitest';
import { buildComicInfoXml, escapeXmlText } from '../../tools/comicinfo-xml';
import { pythonJson } from '../support/python';

const PARSE = `
import json, sys
import xml.etree.ElementTree as ET
root = ET.fromstring(sys.argv[1])
print(json.dumps({"root": root.tag, "fields": [[c.tag, c.text] for c in root]}))
`;

describe('buildComicInfoXml', () => {
  it('writes fields in schema order, lists comma-separated and booleans as Yes/No', () => {
    const xml = buildComicInfoXml({ Year: 1950, Characters: ['Captain Science', 'Rex'], Series: 'Captain Science', BlackAndWhite: true });
    expect(pythonJson(PARSE, xml)).toEqual({
      root: 'ComicInfo',
      fields: [['Series', 'Captain Science'], ['Year', '1950'], ['BlackAndWhite', 'Yes'], ['Characters', 'Captain Science, Rex']],
    });
  });

  it('escapes markup so any text survives an XML parser', () => {
    const summary = `Tom & Jerry <b>"quoted"</b> it's 'fine' ]]> à la carte`;
    const parsed = pythonJson<{ fields: [string, string][] }>(PARSE, buildComicInfoXml({ Summary: summary }));
    expect(parsed.fields).toEqual([['Summary', summary]]);
  });

  it('drops characters XML 1.0 cannot carry instead of writing an unreadable file', () => {
    expect(escapeXmlText('a\u0000b\u0007c\td\ne')).toBe('abc\td\ne');
  });

  it('writes wrong types as given (the codex profile relies on it)', () => {
    expect(buildComicInfoXml({ Year: 'abc', Month: ['1', '2'] })).toContain('<Year>abc</Year>\n  <Month>1, 2</Month>');
  });

  it('leaves out absent fields', () => {
    expect(buildComicInfoXml({ Title: undefined })).not.toContain('Title');
  });
});
