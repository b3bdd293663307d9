import { describe, expect, it } from 'vitest';
import { parseComicInfo } from '../../src/metadata';

const read = (inner: string) => parseComicInfo(`<?xml version="1.0" encoding="utf-8"?><ComicInfo>${inner}</ComicInfo>`, []);

describe('ComicInfo unset values', () => {
  it("keeps issue number -1 (Marvel's Minus 1 month): Number and AlternateNumber are strings with no unset value", () => {
    expect(read('<Series>X-Men</Series><Number>-1</Number>')).toMatchObject({ series: 'X-Men', issueNumber: -1 });
    expect(read('<AlternateNumber>-1</AlternateNumber>')).toMatchObject({ alternativeIssueNumber: -1 });
  });

  it('reads -1 in a count or a date, and Unknown in an enumeration, as nothing said', () => {
    const patch = read('<Count>-1</Count><Volume>-1</Volume><Year>-1</Year><BlackAndWhite>Unknown</BlackAndWhite><Manga>Unknown</Manga>');
    expect(patch).toBeDefined();
    for (const field of ['volumeIssueCount', 'volume', 'year', 'monochrome', 'readingDirection'] as const) expect(patch![field], field).toBeUndefined();
  });
});

describe('ComicInfo text', () => {
  it('keeps the words of a Summary written with inline markup, in order', () => {
    expect(read('<Summary>The <i>Dark</i> Knight <b>returns <u>again</u></b>.</Summary>')?.summary).toBe('The Dark Knight returns again .');
  });

  it('reads an inline tag whose quoted attribute holds a ">" as markup, not as text', () => {
    expect(read('<Summary>The <i title="a>b">Dark</i> Knight</Summary>')?.summary).toBe('The Dark Knight');
  });
});

describe('ComicInfo story arcs', () => {
  it('pairs StoryArc and StoryArcNumber by position as written, an empty or repeated item keeping the others in step', () => {
    expect(read('<StoryArc>A,,B</StoryArc><StoryArcNumber>1,,2</StoryArcNumber>')?.storyArcs).toEqual([{ name: 'A', number: 1 }, { name: 'B', number: 2 }]);
    expect(read('<StoryArc>A, a, B</StoryArc><StoryArcNumber>1, 5, 2</StoryArcNumber>')?.storyArcs).toEqual([{ name: 'A', number: 1 }, { name: 'B', number: 2 }]);
  });
});

describe('ComicInfo character references', () => {
  it('drops a reference to a number past Unicode, written once or double-encoded, as it drops NUL', () => {
    expect(read('<Series>A&#x110000;B</Series><Title>C&amp;#x110000;D</Title>')).toMatchObject({ series: 'AB', title: 'CD' });
  });
});
