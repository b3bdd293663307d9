import { decodeXmlEntities } from './xml-entities';

/**
 * A well-formedness check and a tree in one pass over the text. Metadata documents are small and
 * plain, and a general XML library spent most of a comic's reading time here (a validation pass,
 * then a parse into an ordered tree, then a conversion of that tree into objects); this does the
 * work once, in the shape the readers want:
 *
 * - every element is an array under its lower-case local name (`<dc:Title>` is `title`);
 * - an element with neither children nor attributes is its text ('' when empty);
 * - otherwise an object of its children, `@_name` attributes (`xmlns` ones dropped) and `#text`;
 * - text is each run between tags trimmed, entity-decoded and joined; comments do not split a
 *   run; CDATA is kept as written; processing instructions are skipped;
 * - an element with text of its own beside child elements (a Summary with inline `<i>`) is
 *   mixed content: its `#text` is its own text alone, and mixedText gives all of it in order.
 *
 * What it refuses is what fast-xml-parser's validator refused, so a document that read before
 * reads the same and a broken one is still ignored: mismatched or unclosed tags, invalid names,
 * attributes without a quoted value, repeated or unseparated attributes, a bare `&` in text,
 * text or a second element outside the root, an XML declaration after the start, unclosed
 * comments, CDATA and processing instructions. Entity declarations are refused before this runs.
 */

export type XmlElement = string | XmlObject;
export interface XmlObject {
  [name: string]: XmlElement[] | string | undefined;
}

export type XmlTree = { ok: true; tree: XmlObject } | { ok: false; line: number; message: string };

interface Frame {
  /** The name as written, which the closing tag must repeat exactly. */
  rawName: string;
  key: string;
  start: number;
  children: XmlObject | undefined;
  attributes: XmlObject | undefined;
  text: string;
}

class XmlError extends Error {
  constructor(
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

// XML 1.0 name characters, as the validator checked them.
const NAME_START = ':A-Za-z_\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = `${NAME_START}\\-.\\d\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;
const NAME = new RegExp(`[${NAME_START}][${NAME_CHAR}]*`, 'y');
/** An attribute name runs to whitespace or '=' and must be a name as a whole. */
const ATTRIBUTE_NAME = /[^\s=]+/y;
const WHOLE_NAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`);
/** A reference in text: a name of up to 20 word characters, or a decimal or hex number. */
const REFERENCE = /&(?:#x[0-9a-fA-F]*;|#\d*;|\w{1,20};)/y;

const isSpace = (code: number): boolean => code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;

/** Namespace prefixes are dropped (`dc:title` is `title`); null for `xmlns` declarations. */
function attributeKey(rawName: string): string | null {
  const parts = rawName.split(':');
  if (parts[0] === 'xmlns') return null;
  return `@_${parts.length === 2 ? parts[1] : rawName}`.toLowerCase();
}

function elementKey(rawName: string): string {
  const colon = rawName.indexOf(':');
  return (colon < 0 ? rawName : rawName.slice(colon + 1)).toLowerCase();
}

/** Where an element of mixed content lies in the document, to read all its text when asked. */
interface MixedSource {
  text: string;
  /** The `<` of its opening tag, and of its closing tag. */
  start: number;
  end: number;
  xml11: boolean;
}

/**
 * Elements of mixed content, which are rare: their text is read back from the document only when
 * a reader asks (mixedText), so no element pays for keeping its pieces, and text nested at every
 * level is read once, not again at each level.
 */
const MIXED = new WeakMap<XmlObject, MixedSource>();

/** The opening tag at a position, attributes and their quoted `>` included. */
const OPENING_TAG = /<[^\s/>]+(?:\s+[^\s=>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*>/y;
/** Any markup inside mixed content: a comment, a processing instruction, or a tag, whose quoted attribute values may hold `>`. */
const INNER_MARKUP = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * All the text inside an element of mixed content, in document order, markup read as a space:
 * "The <i>Dark</i> Knight" is "The Dark Knight". Undefined for any other element (see textOf).
 */
export function mixedText(element: XmlObject): string | undefined {
  const source = MIXED.get(element);
  if (!source) return undefined;
  OPENING_TAG.lastIndex = source.start;
  OPENING_TAG.exec(source.text);
  const content = source.text.slice(OPENING_TAG.lastIndex, source.end);
  return content
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXmlEntities(part.replace(INNER_MARKUP, ' '), source.xml11)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An element as the readers see it: its text alone, or an object (see the module comment). */
function elementValue(frame: Frame): XmlElement {
  const { attributes, children } = frame;
  if (attributes === undefined && children === undefined) return frame.text;
  // The attributes object itself when there are no children: copying 400k attributes into a new
  // object cost more than reading them. Attribute keys start with '@_', so they never meet a child's.
  const value: XmlObject = children ?? attributes!;
  if (children !== undefined && attributes !== undefined) Object.assign(children, attributes);
  if (frame.text !== '') value['#text'] = frame.text;
  return value;
}

/**
 * Element objects are made without a prototype: their keys are whatever the document names, and
 * V8 keeps such objects as small hash tables from the start instead of growing a chain of hidden
 * classes per document (adding children was the largest single cost of building the tree); no
 * key can reach Object.prototype either.
 */
const newObject = (): XmlObject => Object.create(null) as XmlObject;

function addChild(parent: XmlObject, key: string, value: XmlElement): void {
  const siblings = parent[key];
  if (Array.isArray(siblings)) siblings.push(value);
  else parent[key] = [value];
}

/** Where `?>` ends an instruction that starts at `from`; a quoted `?>` is part of a value. */
function instructionEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x27) {
      i = text.indexOf(text[i]!, i + 1);
      if (i < 0) return -1;
    } else if (code === 0x3f && text.charCodeAt(i + 1) === 0x3e) return i;
  }
  return -1;
}

const lineAt = (text: string, position: number): number => {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < position; at = text.indexOf('\n', at + 1)) line++;
  return line;
};

export function readXmlTree(input: string): XmlTree {
  // Line ends are normalized first, as XML requires: CR LF and lone CR become LF.
  const text = input.includes('\r') ? input.replace(/\r\n?/g, '\n') : input;
  try {
    return { ok: true, tree: new Reader(text).read() };
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    return { ok: false, line: lineAt(text, error.position), message: error.message };
  }
}

class Reader {
  private at = 0;
  private readonly stack: Frame[] = [];
  private readonly top: XmlObject = newObject();
  private rootClosed = false;
  private sawDoctype = false;
  private xml11 = false;
  /** Text of the current run that is already cut out around comments. */
  private pending = '';
  private runStart = 0;

  constructor(private readonly text: string) {}

  read(): XmlObject {
    const { text } = this;
    while (this.at < text.length) {
      const lt = text.indexOf('<', this.at);
      this.checkText(this.at, lt < 0 ? text.length : lt);
      if (lt < 0) break;
      this.at = lt;
      this.markup();
    }
    const open = this.stack.at(-1);
    if (open) throw new XmlError(open.start, `Unclosed tag '${open.rawName}'.`);
    if (!this.rootClosed) throw new XmlError(0, 'Start tag expected.');
    return this.top;
  }

  /** Text outside the root may only be whitespace; inside, every `&` must start a reference. */
  private checkText(from: number, to: number): void {
    const { text } = this;
    if (this.stack.length === 0) {
      for (let i = from; i < to; i++) {
        if (!isSpace(text.charCodeAt(i))) throw new XmlError(i, this.rootClosed ? 'Extra text at the end' : `char '${text[i]}' is not expected.`);
      }
      return;
    }
    // Only this run is searched: indexOf('&') would scan on to the end of the document from every
    // run, which made a document of many short runs quadratic.
    for (let i = from; i < to; i++) {
      if (text.charCodeAt(i) !== 0x26) continue;
      REFERENCE.lastIndex = i;
      if (!REFERENCE.test(text)) throw new XmlError(i, "char '&' is not expected.");
    }
  }

  private markup(): void {
    const { text, at } = this;
    const next = text.charCodeAt(at + 1);
    if (next === 0x2f /* / */) return this.closingTag();
    if (next === 0x3f /* ? */) return this.processingInstruction();
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', at)) return this.comment();
      if (text.startsWith('<![CDATA[', at)) return this.cdata();
      if (text.startsWith('<!DOCTYPE', at)) return this.doctype();
      throw new XmlError(at, "Tag '!' is an invalid name.");
    }
    this.openingTag();
  }

  private comment(): void {
    const end = this.text.indexOf('-->', this.at + 4);
    if (end < 0) throw new XmlError(this.at, 'Comment is not closed.');
    // A comment does not end a text run: "a<!-- -->b" reads "ab", as before.
    if (this.stack.length > 0) this.pending += this.text.slice(this.runStart, this.at);
    this.at = end + 3;
    this.runStart = this.at;
  }

  private cdata(): void {
    const end = this.text.indexOf(']]>', this.at);
    if (end < 0) throw new XmlError(this.at, 'CDATA is not closed.');
    const frame = this.stack.at(-1);
    if (frame) {
      this.flushText(frame);
      frame.text += this.text.slice(this.at + 9, end);
    }
    this.at = end + 3;
    this.runStart = this.at;
  }

  /** Skipped with its internal subset, counting brackets; its entities were refused earlier. */
  private doctype(): void {
    if (this.sawDoctype) throw new XmlError(this.at, 'Multiple DOCTYPE declarations found.');
    this.sawDoctype = true;
    const { text } = this;
    let depth = 1;
    let i = this.at + 9;
    for (; i < text.length && depth > 0; i++) {
      const code = text.charCodeAt(i);
      if (code === 0x3c) depth++;
      else if (code === 0x3e) depth--;
    }
    if (depth > 0) throw new XmlError(this.at, 'DOCTYPE is not closed.');
    this.at = i;
    this.runStart = i;
  }

  private processingInstruction(): void {
    const { text, at } = this;
    const end = instructionEnd(text, at + 2);
    if (end < 0) throw new XmlError(at, 'Pi Tag is not closed.');
    const declaration = /xml(?=[\s?])/y;
    declaration.lastIndex = at + 2;
    if (declaration.test(text)) {
      if (at > 0) throw new XmlError(at, 'XML declaration allowed only at the start of the document.');
      this.xml11 = /\bversion\s*=\s*["']1\.1["']/.test(text.slice(at, end));
    }
    const frame = this.stack.at(-1);
    if (frame) this.flushText(frame);
    this.at = end + 2;
    this.runStart = this.at;
  }

  private openingTag(): void {
    const { text } = this;
    const start = this.at;
    NAME.lastIndex = start + 1;
    const match = NAME.exec(text);
    const rawName = match?.[0] ?? '';
    const afterName = start + 1 + rawName.length;
    const delimiter = text.charCodeAt(afterName);
    if (rawName === '' || !(isSpace(delimiter) || delimiter === 0x3e || delimiter === 0x2f || Number.isNaN(delimiter))) {
      throw new XmlError(start, rawName === '' && isSpace(text.charCodeAt(start + 1)) ? "Invalid space after '<'." : 'Tag is an invalid name.');
    }
    if (this.rootClosed) throw new XmlError(start, 'Multiple possible root nodes found.');
    const key = elementKey(rawName);
    if (key === '__proto__') throw new XmlError(start, `Tag '${rawName}' is a reserved name.`);
    const parent = this.stack.at(-1);
    if (parent) this.flushText(parent);
    const { attributes, selfClosing } = this.readAttributes(rawName, afterName);
    const frame: Frame = { rawName, key, start, children: undefined, attributes, text: '' };
    if (selfClosing) this.closeFrame(frame);
    else this.stack.push(frame);
    this.runStart = this.at;
  }

  /** Attributes from `from` to the tag's end; leaves `at` after the `>`. */
  private readAttributes(tagName: string, from: number): { attributes: XmlObject | undefined; selfClosing: boolean } {
    const { text } = this;
    let attributes: XmlObject | undefined;
    // A set, not a list: the 4 MiB entry cap allows ~400k attributes, and a list made the
    // repeated-attribute check quadratic (80k attributes took 8 s).
    const seen = new Set<string>();
    let i = from;
    for (;;) {
      const spaced = isSpace(text.charCodeAt(i));
      while (isSpace(text.charCodeAt(i))) i++;
      const code = text.charCodeAt(i);
      if (code === 0x3e) {
        this.at = i + 1;
        return { attributes, selfClosing: false };
      }
      if (code === 0x2f && text.charCodeAt(i + 1) === 0x3e) {
        this.at = i + 2;
        return { attributes, selfClosing: true };
      }
      if (Number.isNaN(code)) throw new XmlError(from, `Unclosed tag '${tagName}'.`);
      ATTRIBUTE_NAME.lastIndex = i;
      const name = ATTRIBUTE_NAME.exec(text)?.[0] ?? '';
      if (name === '' || !spaced) throw new XmlError(i, `Attribute '${name}' has no space in starting.`);
      if (!WHOLE_NAME.test(name)) throw new XmlError(i, `Attribute '${name}' is an invalid name.`);
      if (seen.has(name)) throw new XmlError(i, `Attribute '${name}' is repeated.`);
      seen.add(name);
      i += name.length;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 0x3d) throw new XmlError(i, `boolean attribute '${name}' is not allowed.`);
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
      const quote = text[i];
      if (quote !== '"' && quote !== "'") throw new XmlError(i, `Attribute '${name}' is without value.`);
      const close = text.indexOf(quote, i + 1);
      if (close < 0) throw new XmlError(i, `Attributes for '${tagName}' have open quote.`);
      const key = attributeKey(name);
      if (key === '@___proto__') throw new XmlError(i, `Attribute '${name}' is a reserved name.`);
      if (key !== null) (attributes ??= newObject())[key] = decodeXmlEntities(text.slice(i + 1, close).trim(), this.xml11);
      i = close + 1;
    }
  }

  private closingTag(): void {
    const { text } = this;
    const start = this.at;
    const end = text.indexOf('>', start + 2);
    if (end < 0) throw new XmlError(start, 'Closing tag is not closed.');
    const rawName = text.slice(start + 2, end).trimEnd();
    const frame = this.stack.pop();
    if (!frame) throw new XmlError(start, `Closing tag '${rawName}' has not been opened.`);
    if (frame.rawName !== rawName) {
      throw new XmlError(start, `Expected closing tag '${frame.rawName}' (opened in line ${lineAt(text, frame.start)}) instead of closing tag '${rawName}'.`);
    }
    this.flushText(frame);
    this.closeFrame(frame, start);
    this.at = end + 1;
    this.runStart = this.at;
  }

  /** `end` is where its closing tag starts (a self-closing element has no content). */
  private closeFrame(frame: Frame, end?: number): void {
    const value = elementValue(frame);
    if (end !== undefined && frame.children !== undefined && frame.text !== '') {
      MIXED.set(value as XmlObject, { text: this.text, start: frame.start, end, xml11: this.xml11 });
    }
    const parent = this.stack.at(-1);
    if (parent) addChild((parent.children ??= newObject()), frame.key, value);
    else {
      addChild(this.top, frame.key, value);
      this.rootClosed = true;
    }
  }

  /** Ends the current text run at `at`: trimmed, decoded, and added to the element's text. */
  private flushText(frame: Frame): void {
    const run = (this.pending + this.text.slice(this.runStart, this.at)).trim();
    this.pending = '';
    if (run !== '') frame.text += decodeXmlEntities(run, this.xml11);
  }
}
