import { describe, expect, it } from 'vitest';
import { parsePdf } from '../../src/metadata';

const xmp = (description: string): string => `<?xpacket begin='\uFEFF' id='W5M0MpCehiHzreSzNTczkc9d'?>
<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>
${description}
</rdf:RDF></x:xmpmeta><?xpacket end='w'?>`;

describe('parsePdf', () => {
  it('maps the Info dictionary', () => {
    const warnings: string[] = [];
    const { patch, comicInfo } = parsePdf(
      { Title: 'Watchmen', Author: 'Alan Moore, Dave Gibbons', Subject: 'Superhero', Keywords: 'dc; 1986', CreationDate: "D:20100101000000+00'00'", Language: null },
      undefined,
      warnings,
    );
    expect(warnings).toEqual([]);
    expect(comicInfo).toBeUndefined();
    expect(patch).toMatchObject({
      title: 'Watchmen',
      credits: [
        { person: 'Alan Moore', role: 'Writer' },
        { person: 'Dave Gibbons', role: 'Writer' },
      ],
      genres: ['Superhero'],
      tags: ['dc', '1986'],
    });
    expect(patch.year).toBeUndefined();
  });

  it('reads XMP properties as elements, rdf containers and attributes, over Info', () => {
    const { patch } = parsePdf(
      { Title: 'Info title', Author: 'Info Author' },
      xmp(`<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:pdf='http://ns.adobe.com/pdf/1.3/' pdf:Keywords='k1, k2'>
        <dc:title><rdf:Alt><rdf:li xml:lang='x-default'>XMP title</rdf:li></rdf:Alt></dc:title>
        <dc:creator><rdf:Seq><rdf:li>Ann</rdf:li><rdf:li>Bob</rdf:li></rdf:Seq></dc:creator>
        <dc:subject><rdf:Bag><rdf:li>s1</rdf:li><rdf:li>s2</rdf:li></rdf:Bag></dc:subject>
        <dc:description><rdf:Alt><rdf:li xml:lang='x-default'>About it</rdf:li></rdf:Alt></dc:description>
        <dc:publisher><rdf:Bag><rdf:li>Vertigo</rdf:li></rdf:Bag></dc:publisher>
        <dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
      </rdf:Description>`),
      [],
    );
    expect(patch).toMatchObject({
      title: 'XMP title',
      summary: 'About it',
      publisher: 'Vertigo',
      language: 'en',
      tags: ['s1', 's2', 'k1', 'k2'],
      credits: [
        { person: 'Ann', role: 'Writer' },
        { person: 'Bob', role: 'Writer' },
        { person: 'Info Author', role: 'Writer' },
      ],
    });
  });

  it('hands back ComicInfo found in XMP pdf:Keywords and does not make tags of it', () => {
    const { patch, comicInfo } = parsePdf(
      {},
      xmp(`<rdf:Description xmlns:pdf='http://ns.adobe.com/pdf/1.3/'><pdf:Keywords>&lt;?xml version="1.0"?&gt;
&lt;ComicInfo&gt;&lt;Series&gt;test pdf&lt;/Series&gt;&lt;/ComicInfo&gt;</pdf:Keywords></rdf:Description>`),
      [],
    );
    expect(comicInfo).toContain('<ComicInfo><Series>test pdf</Series></ComicInfo>');
    expect(patch.tags).toEqual([]);
  });

  it('ignores broken XMP with a warning and keeps the Info dictionary', () => {
    const warnings: string[] = [];
    const { patch } = parsePdf({ Title: 'Still here' }, '<x:xmpmeta><rdf:RDF>', warnings);
    expect(patch.title).toBe('Still here');
    expect(warnings).toEqual([expect.stringMatching(/^pdf: XMP is not well-formed XML .*; ignored$/)]);
  });
});
