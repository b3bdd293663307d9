import { describe, expect, it } from 'vitest';
import { childText } from '../../src/metadata/xml';
import { decodeXmlEntities } from '../../src/metadata/xml-entities';
import { readXmlTree, type XmlElement, type XmlObject } from '../../src/metadata/xml-tree';

const tree = (xml: string) => {
  const read = readXmlTree(xml);
  if (!read.ok) throw new Error(`refused: line ${read.line}: ${read.message}`);
  return read.tree;
};

describe('readXmlTree: the tree', () => {
  it('puts every element in an array under its lower-case local name', () => {
    expect(tree('<ComicInfo><Series>Saga</Series><x:Genre>A</x:Genre><genre>B</genre></ComicInfo>')).toEqual({
      comicinfo: [{ series: ['Saga'], genre: ['A', 'B'] }],
    });
  });

  it('reads a leaf as its text, an empty element as an empty string', () => {
    expect(tree('<r><a>x</a><b></b><c/><d> </d></r>')).toEqual({ r: [{ a: ['x'], b: [''], c: [''], d: [''] }] });
  });

  it('reads attributes as @_name, without namespace prefix, dropping xmlns declarations', () => {
    expect(tree(`<r xmlns="u" xmlns:x="v"><ID x:Source=" Comic Vine " lang='en'>12</ID><Empty a="1"/></r>`)).toEqual({
      r: [{ id: [{ '#text': '12', '@_source': 'Comic Vine', '@_lang': 'en' }], empty: [{ '@_a': '1' }] }],
    });
  });

  it('keeps text beside child elements as #text, each run trimmed and joined', () => {
    expect(tree('<r> a <b>1</b> c </r>')).toEqual({ r: [{ '#text': 'ac', b: ['1'] }] });
  });

  it('does not split text at a comment, keeps CDATA as written, skips instructions', () => {
    expect(tree('<r><a>x<!-- note -->y</a><b> <![CDATA[ <i>&amp; ]]></b><c>1<?pi data?>2</c></r>')).toEqual({
      r: [{ a: ['xy'], b: [' <i>&amp; '], c: ['12'] }],
    });
  });

  it('normalizes CR LF and CR line ends to LF', () => {
    expect(tree('<r><s>a\r\nb\rc</s></r>')).toEqual({ r: [{ s: ['a\nb\nc'] }] });
  });

  it('accepts a declaration, a DOCTYPE without entities and comments around the root', () => {
    expect(tree('<?xml version="1.0"?>\n<!DOCTYPE r [ <!ELEMENT r ANY> ]>\n<!-- c --><r>1</r>\n<!-- t -->\n')).toEqual({ r: ['1'] });
  });
});

describe('readXmlTree: what it refuses', () => {
  it.each([
    ['a mismatched closing tag', '<r><a>1</b></r>'],
    ['a closing tag in another case', '<r><a>1</A></r>'],
    ['an unclosed element', '<r><a>1</a>'],
    ['a truncated tag', '<r><a'],
    ['a closing tag never opened', '</r>'],
    ['a bare ampersand in text', '<r>AT&T</r>'],
    ['an empty reference', '<r>&;</r>'],
    ['an attribute without quotes', '<r a=1></r>'],
    ['an attribute without a value', '<r a></r>'],
    ['a repeated attribute', '<r a="1" a="2"></r>'],
    ['attributes without a space between them', '<r a="1"b="2"></r>'],
    ['an unclosed quote', '<r a="1></r>'],
    ['an invalid name', '<1r></1r>'],
    ['a space after <', '<r>< a/></r>'],
    ['text after the root', '<r></r>x'],
    ['text before the root', 'x<r></r>'],
    ['a second root', '<r></r><s></s>'],
    ['a declaration after the start', ' <?xml version="1.0"?><r/>'],
    ['an unclosed comment', '<r><!-- x </r>'],
    ['an unclosed CDATA section', '<r><![CDATA[ x </r>'],
    ['an unclosed instruction', '<?pi x <r/>'],
    ['a __proto__ element', '<r><__proto__>1</__proto__></r>'],
    ['nothing', ''],
    ['only a declaration', '<?xml version="1.0"?>'],
  ])('refuses %s', (_name, xml) => {
    expect(readXmlTree(xml).ok).toBe(false);
  });

  it('says on which line the problem is', () => {
    expect(readXmlTree('<r>\n<a>\n</b>\n</r>')).toMatchObject({ ok: false, line: 3 });
  });
});

describe('decodeXmlEntities', () => {
  it('decodes XML, common HTML and numeric references, one level', () => {
    expect(decodeXmlEntities('&amp;amp; &lt;&gt;&quot;&apos; &eacute;&euro;&nbsp;&#233;&#x41;&#X42;')).toBe("&amp; <>\"' &eacute;€\u00a0éAB");
  });

  it('drops references to characters XML forbids and leaves what is no reference', () => {
    expect(decodeXmlEntities('a&#0;b&#1;c&#xD800;d &unknown; &#; & x')).toBe('abcd &unknown; &#; & x');
  });

  it('allows C0 controls in XML 1.1', () => {
    expect(decodeXmlEntities('&#1;', true)).toBe('\u0001');
  });
});

/**
 * Inputs as large as the 4 MiB metadata entry cap allows. Each step of the reader is linear, so
 * these finish in a second or two; a quadratic step (the repeated-attribute check was one: 80k
 * attributes took 8 s) takes minutes on them and fails by the timeout. No clock is read.
 */
describe('readXmlTree: work grows linearly with the input', () => {
  const CAP = 4 * 1024 * 1024;
  const GENEROUS = 60_000;

  it('reads 400,000 attributes on one element', { timeout: GENEROUS }, () => {
    const count = 400_000;
    const xml = `<r ${Array.from({ length: count }, (_, i) => `a${i.toString(36)}="1"`).join(' ')}/>`;
    expect(xml.length).toBeLessThan(CAP);
    const element = (tree(xml).r as XmlObject[])[0]!;
    expect(Object.keys(element)).toHaveLength(count);
    expect(element[`@_a${(count - 1).toString(36)}`]).toBe('1');
  });

  it('still refuses an attribute repeated at the end of 400,000', { timeout: GENEROUS }, () => {
    const names = Array.from({ length: 400_000 }, (_, i) => `a${i.toString(36)}="1"`);
    expect(readXmlTree(`<r ${names.join(' ')} a0="2"/>`)).toMatchObject({ ok: false, message: "Attribute 'a0' is repeated." });
  });

  it('reads an attribute value of four million ampersands', { timeout: GENEROUS }, () => {
    const value = '&'.repeat(CAP);
    expect(tree(`<r a="${value};"/>`)).toEqual({ r: [{ '@_a': `${value};` }] });
  });

  it('reads 400,000 text runs between child elements', { timeout: GENEROUS }, () => {
    const read = tree(`<r>${'x<b/>'.repeat(400_000)}</r>`);
    const element = (read.r as XmlObject[])[0]!;
    expect((element['#text'] as string).length).toBe(400_000);
    expect(element.b).toHaveLength(400_000);
  });

  it('reads 300,000 comments and CDATA sections in one element', { timeout: GENEROUS }, () => {
    expect(tree(`<r>${'a<!---->b<![CDATA[c]]>'.repeat(300_000)}</r>`)).toEqual({ r: ['abc'.repeat(300_000)] });
  });

  it('gives the text of mixed content nested 100,000 deep, text at every level, in time linear in it', { timeout: GENEROUS }, () => {
    const depth = 100_000;
    const root = tree(`${'<a>x'.repeat(depth)}${'</a>'.repeat(depth)}`).a![0] as XmlObject;
    expect(childText({ a: [root] }, 'a')).toBe(Array(depth).fill('x').join(' '));
  });

  it('reads elements nested 200,000 deep and refuses them unclosed', { timeout: GENEROUS }, () => {
    const depth = 200_000;
    let element: XmlElement = tree(`${'<a>'.repeat(depth)}x${'</a>'.repeat(depth)}`).a![0] as XmlElement;
    let levels = 1;
    for (; typeof element !== 'string'; levels++) element = (element.a as XmlElement[])[0]!;
    expect([levels, element]).toEqual([depth, 'x']);
    expect(readXmlTree('<a>'.repeat(depth))).toMatchObject({ ok: false, message: "Unclosed tag 'a'." });
  });

  it('reads 200,000 sibling elements of distinct names and a name four million characters long', { timeout: GENEROUS }, () => {
    const siblings = tree(`<r>${Array.from({ length: 200_000 }, (_, i) => `<c${i}>${i}</c${i}>`).join('')}</r>`);
    expect(Object.keys((siblings.r as XmlObject[])[0]!)).toHaveLength(200_000);
    const name = 'n'.repeat(CAP);
    expect(tree(`<${name}>1</${name}>`)[name]).toEqual(['1']);
  });

  it('reads 400,000 processing instructions and finds the line of a mismatch after 400,000 lines', { timeout: GENEROUS }, () => {
    expect(tree(`<r>${'1<?p "?>"?>'.repeat(400_000)}</r>`)).toEqual({ r: ['1'.repeat(400_000)] });
    expect(readXmlTree(`${'<a>\n'.repeat(400_000)}</b>`)).toMatchObject({ ok: false, line: 400_001 });
  });
});
