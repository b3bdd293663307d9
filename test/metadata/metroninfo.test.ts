import { describe, expect, it } from 'vitest';
import { buildMetadata, parseMetronInfo } from '../../src/metadata';

describe('MetronInfo draft shapes', () => {
  it('reads the older draft shapes: a text <Publisher> and a lone <URL>', () => {
    const patch = parseMetronInfo(
      '<MetronInfo><Publisher>Marvel</Publisher><Series><Name>X</Name></Series><URL>https://metron.cloud/issue/x-1/</URL></MetronInfo>',
      [],
    );
    expect(patch).toMatchObject({
      publisher: 'Marvel',
      series: 'X',
      identifiers: [{ source: 'Metron', idType: 'issue', key: 'x-1', url: 'https://metron.cloud/issue/x-1/' }],
    });
  });

  it('credits a creator without roles once, with no role', () => {
    const patch = parseMetronInfo('<MetronInfo><Credits><Credit><Creator>Anon</Creator></Credit></Credits></MetronInfo>', []);
    expect(patch?.credits).toEqual([{ person: 'Anon' }]);
  });
});

describe('MetronInfo dates', () => {
  it('uses the store date only when there is no cover date', () => {
    const read = (xml: string) => buildMetadata([{ kind: 'metroninfo', xml: Buffer.from(`<MetronInfo>${xml}</MetronInfo>`) }]).metadata;
    expect(read('<CoverDate>2011-10-01</CoverDate><StoreDate>2011-08-31</StoreDate>')).toMatchObject({ year: 2011, month: 10, day: 1 });
    expect(read('<StoreDate>2011-08-31</StoreDate>')).toMatchObject({ year: 2011, month: 8, day: 31 });
    // An empty cover date says nothing: the store date stands in.
    expect(read('<CoverDate/><StoreDate>2011-08-31</StoreDate>')).toMatchObject({ year: 2011, month: 8, day: 31 });
    expect(read('<CoverDate> </CoverDate><StoreDate>2011-08-31</StoreDate>')).toMatchObject({ year: 2011, month: 8, day: 31 });
  });
});
