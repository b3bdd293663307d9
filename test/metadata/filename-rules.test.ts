import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFilename } from '../../src/metadata';

/** The fields a name sets, without the absent ones. */
const read = (name: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(parseFilename(name)).filter(([, value]) => value !== undefined));

describe('file names: which number is the issue', () => {
  it('takes the number after the series as the issue when a title follows', () => {
    expect(read('Karl May 001 Old Shatterhand.cbr')).toEqual({ series: 'Karl May', issueNumber: 1, title: 'Old Shatterhand' });
    expect(read('batman 3 title (DC).cbz')).toEqual({ series: 'batman', issueNumber: 3, title: 'title', scanInfo: 'DC' });
    expect(read('Wonder Woman 001 Wonder Woman Day Special Edition (2021).cbr')).toMatchObject({
      series: 'Wonder Woman', issueNumber: 1, title: 'Wonder Woman Day Special Edition', year: 2021,
    });
  });

  it('keeps numbers in the title once the issue is found', () => {
    expect(read('Michel Vaillant 52 F 3000')).toEqual({ series: 'Michel Vaillant', issueNumber: 52, title: 'F 3000' });
    expect(read('Michel Vaillant 5 Nr. 13 aan de start')).toEqual({ series: 'Michel Vaillant', issueNumber: 5, title: 'Nr. 13 aan de start' });
  });

  it('keeps a four-digit number followed by words in the series', () => {
    expect(read('Night of 1000 Wolves 001 (2013).cbz')).toEqual({ series: 'Night of 1000 Wolves', issueNumber: 1, year: 2013 });
  });

  it('keeps a number followed by words in the series when a zero-padded issue ends the name', () => {
    expect(read('The 4 Horsemen 001.cbz')).toEqual({ series: 'The 4 Horsemen', issueNumber: 1 });
  });

  it('keeps a year-like number before " - " in the series when an issue follows', () => {
    expect(read('Cyberpunk 2077 - You Have My Word 02 (2021).cbr')).toEqual({ series: 'Cyberpunk 2077 - You Have My Word', issueNumber: 2, year: 2021 });
  });

  it('takes a year-like number before " - " as the issue when nothing follows it', () => {
    expect(read('Action Comics 1999 - The End.cbz')).toEqual({ series: 'Action Comics', issueNumber: 1999, title: 'The End' });
  });

  it('takes the second of two numbers when it ends the series text', () => {
    expect(read('The Magic Order 2 06 (2022).cbz')).toEqual({ series: 'The Magic Order 2', issueNumber: 6, year: 2022 });
    expect(read('Batman Beyond 2.0 001 (2013).cbz')).toEqual({ series: 'Batman Beyond 2.0', issueNumber: 1, year: 2013 });
  });

  it('takes the first of two numbers when the second opens the title', () => {
    expect(read('Michel Vaillant 42 300 kmu door Parijs')).toEqual({ series: 'Michel Vaillant', issueNumber: 42, title: '300 kmu door Parijs' });
  });

  it('keeps every bare number in the series when a # marks the issue', () => {
    expect(read('Elephantmen 2259 #008.cbr')).toEqual({ series: 'Elephantmen 2259', issueNumber: 8 });
    expect(read('Michel Vaillant 12 #40.cbz')).toEqual({ series: 'Michel Vaillant 12', issueNumber: 40 });
  });

  it('keeps a number hyphen-joined to a word in the series', () => {
    expect(read('Star Wars - War of the Bounty Hunters - IG-88 (2021).cbz')).toEqual({ series: 'Star Wars - War of the Bounty Hunters - IG-88', year: 2021 });
    expect(read('Aquaman 100-Page Spectacular 001.cbz')).toEqual({ series: 'Aquaman 100-Page Spectacular', issueNumber: 1 });
  });

  it('keeps a leading number in the series', () => {
    expect(read('19687 Sandman 53.cbz')).toEqual({ series: '19687 Sandman', issueNumber: 53 });
  });

  it('drops a leading reading-order number before " - "', () => {
    expect(read('04 - Asterix the Gladiator (1964).cbz')).toEqual({ series: 'Asterix the Gladiator', year: 1964 });
  });

  it('reads the issue before tags written without brackets', () => {
    expect(read('Marvel Two In One V1 090  c2c (Comixbear-DCP).cbr')).toEqual({
      series: 'Marvel Two In One', volume: 1, issueNumber: 90, scanInfo: 'Comixbear-DCP',
    });
  });

  it('reads a dotted letter suffix without a #', () => {
    expect(read('Amazing Spider-Man 078.BEY (2022).cbr')).toEqual({ series: 'Amazing Spider-Man', issueNumber: 78, issueSuffix: 'BEY', year: 2022 });
  });

  it('takes an issue in brackets when the name has none elsewhere', () => {
    expect(read('X-Men, 2021-08-04 (#02) (digital).cbz')).toEqual({ series: 'X-Men', issueNumber: 2, year: 2021, month: 8, day: 4, originalFormat: 'Digital' });
    expect(read('X-Men (02).cbz')).toEqual({ series: 'X-Men', issueNumber: 2 });
    expect(read('Crimson Saga (#Omega).cbz')).toEqual({ series: 'Crimson Saga', issueSuffix: 'Omega' });
  });

  it('reads a bracketed number as a copy number when the name has an issue', () => {
    expect(read('Phantom #080 (2019) (1).cbz')).toEqual({ series: 'Phantom', issueNumber: 80, year: 2019 });
  });

  it('takes the issue after the first group when the series text has none', () => {
    expect(read('Batman & Grendel (1996) 01 - Devil\'s Bones.cbz')).toEqual({ series: 'Batman & Grendel', issueNumber: 1, title: "Devil's Bones", year: 1996 });
  });
});

describe('file names: markers, volumes and books', () => {
  it('drops marker words before the issue from the series', () => {
    expect(read('Amazing Man Comics issue #25.cbz')).toEqual({ series: 'Amazing Man Comics', issueNumber: 25 });
    expect(read('Amazing Man Comics chapter 25.cbz')).toEqual({ series: 'Amazing Man Comics', issueNumber: 25 });
    expect(read('Batman Wayne Family Adventures - Ep. 001 - Moving In.cbz')).toEqual({ series: 'Batman Wayne Family Adventures', issueNumber: 1, title: 'Moving In' });
    expect(read('spawn-chapter-123.cbz')).toEqual({ series: 'spawn', issueNumber: 123 });
  });

  it('keeps a year-like number before a marked chapter in the series', () => {
    expect(read('Batman Beyond 2016 - Chapter 001.cbz')).toEqual({ series: 'Batman Beyond 2016', issueNumber: 1 });
  });

  it('reads volume and issue joined by hyphens', () => {
    expect(read(' X-Men-V1-#067.cbr')).toEqual({ series: 'X-Men', volume: 1, issueNumber: 67 });
    expect(read('X-Men-V1-067.cbr')).toEqual({ series: 'X-Men', volume: 1, issueNumber: 67 });
  });

  it('keeps words between the volume and the issue in the series', () => {
    expect(read('The Defenders v1 Annual #01 (1976) (Digital).cbr')).toEqual({
      series: 'The Defenders Annual', volume: 1, issueNumber: 1, year: 1976, originalFormat: 'Digital',
    });
  });

  it('takes words after the volume as the title when no issue follows', () => {
    expect(read('Invincible Vol 01 Family matters (2005).cbr')).toEqual({ series: 'Invincible', volume: 1, title: 'Family matters', year: 2005 });
  });

  it('reads tome and non-English volume and chapter words', () => {
    expect(read('Conquistador_-Tome_2.cbz')).toEqual({ series: 'Conquistador', volume: 2 });
    expect(read("Chevaliers d'Héliopolis T3 - Rubedo.cbz")).toEqual({ series: "Chevaliers d'Héliopolis", volume: 3, title: 'Rubedo' });
    expect(read('Kebab Том 1 Глава 3.cbz')).toEqual({ series: 'Kebab', volume: 1, issueNumber: 3 });
    expect(read('Max Level Returner ตอนที่ 5.cbz')).toEqual({ series: 'Max Level Returner', issueNumber: 5 });
  });

  it('reads a last "Book N" as the volume and the title', () => {
    expect(read('Bloodshot Book 03 (2020).cbr')).toEqual({ series: 'Bloodshot', volume: 3, title: 'Book 03', year: 2020 });
    expect(read("Brick Walker's Beanbag Book One.cbz")).toEqual({ series: "Brick Walker's Beanbag", volume: 1, title: 'Book One' });
    expect(read('book of eli #1.cbz')).toEqual({ series: 'book of eli', issueNumber: 1 });
  });

  it('reads a number with "(of N)" inside the title as the volume', () => {
    expect(read('Elephantmen 2259 #008 - Simple Truth 03 (of 06) (2021).cbr')).toEqual({
      series: 'Elephantmen 2259', issueNumber: 8, title: 'Simple Truth', volume: 3, year: 2021,
    });
  });

  it('does not let a volume stand for a missing issue', () => {
    expect(read('Avengers By Brian Michael Bendis volume 03 (2013).cbz')).toEqual({ series: 'Avengers By Brian Michael Bendis', volume: 3, year: 2013 });
  });
});

describe('file names: dates', () => {
  it('reads dates written outside brackets', () => {
    expect(read('Test Numeric Year #2 2001-02-24.cbz')).toEqual({ series: 'Test Numeric Year', issueNumber: 2, year: 2001, month: 2, day: 24 });
    expect(read('Test Month First Date 02-24-2001.cbz')).toEqual({ series: 'Test Month First Date', year: 2001, month: 2, day: 24 });
    expect(read('Wonder Woman #49 DC Sep-Oct 1951.cbz')).toEqual({ series: 'Wonder Woman', issueNumber: 49, title: 'DC', year: 1951, month: 9 });
  });

  it('reads the year of an event, a month range and a run-on date in brackets', () => {
    expect(read('Avatar - The Legend of Korra (FCBD 2021) (Digital).cbr')).toEqual({ series: 'Avatar - The Legend of Korra', year: 2021, originalFormat: 'Digital' });
    expect(read('Superman v1 024 (09-10 1943).cbz')).toEqual({ series: 'Superman', volume: 1, issueNumber: 24, year: 1943, month: 9 });
    expect(read("Nickel Comics #08 [Fawcett][Aug23'1940].cbz")).toEqual({ series: 'Nickel Comics', issueNumber: 8, year: 1940, month: 8, day: 23, scanInfo: 'Fawcett' });
  });

  it('reads a range of years in brackets as the volume', () => {
    expect(read('Cosmic Battles - Hermit (2022-) #001 (2023).cbz')).toEqual({ series: 'Cosmic Battles - Hermit', volume: 2022, issueNumber: 1, year: 2023 });
    expect(read('Some Series (2020-2024) #001 (2024).cbz')).toEqual({ series: 'Some Series', volume: 2020, issueNumber: 1, year: 2024 });
  });
});

describe('file names: series and title text', () => {
  it('reads a Title Case group before the issue as the title', () => {
    expect(read('Festival Showcase 2001 (Hidden Realm) #001 (2001).cbz')).toEqual({ series: 'Festival Showcase 2001', issueNumber: 1, title: 'Hidden Realm', year: 2001 });
  });

  it('lets a # issue written after a group win over a bare number before it, as with no group', () => {
    expect(read('Festival Showcase 2001 (Hidden Realm) #001.cbz')).toEqual({ series: 'Festival Showcase 2001', issueNumber: 1, title: 'Hidden Realm' });
  });

  it('reads a lower-case group before the issue, or a Title Case one with no issue after it, as the scan', () => {
    expect(read('Quagmire (or how to fix everything) #001.cbz')).toEqual({ series: 'Quagmire', issueNumber: 1, scanInfo: 'or how to fix everything' });
    expect(read('Jimmy Stocks Love Chain (2005) (The Magicians-Empire).cbr')).toEqual({ series: 'Jimmy Stocks Love Chain', year: 2005, scanInfo: 'The Magicians-Empire' });
  });

  it('reads two words joined by a dot as two words', () => {
    expect(read('Free Comic Book Day - Avengers.Hulk (2021).cbz')).toEqual({ series: 'Free Comic Book Day - Avengers Hulk', year: 2021 });
  });

  it('keeps punctuation inside a title as written', () => {
    expect(read('Michel Vaillant #34 Steve Warson gaat K.O.')).toEqual({ series: 'Michel Vaillant', issueNumber: 34, title: 'Steve Warson gaat K.O.' });
    expect(read('De Psy #6 Bonjour l\'angoisse!.cbz')).toEqual({ series: 'De Psy', issueNumber: 6, title: "Bonjour l'angoisse!" });
  });

  it('keeps " - " and ":" inside the series before the issue', () => {
    expect(read('Batman_-_Superman_#020_(2021).cbr')).toEqual({ series: 'Batman - Superman', issueNumber: 20, year: 2021 });
    expect(read("Cory Doctorow's Futuristic Tales of the Here and Now: Anda's Game #001 (2007).cbz")).toEqual({
      series: "Cory Doctorow's Futuristic Tales of the Here and Now: Anda's Game", issueNumber: 1, year: 2007,
    });
  });

  it('drops a quote that opens the name', () => {
    expect(read("'Batman - Superman - World's Finest 022 (2024).cbz")).toEqual({ series: "Batman - Superman - World's Finest", issueNumber: 22, year: 2024 });
  });

  it('takes a c2c tag off the start or the end of the title', () => {
    expect(read('Nickel Comics #08 -c2c -Upgraded.cbz')).toEqual({ series: 'Nickel Comics', issueNumber: 8, title: 'Upgraded', scanInfo: 'c2c' });
  });

  it('reads words with no issue and no volume as the series', () => {
    expect(read('Batman & Daredevil - King of New York.cbz')).toEqual({ series: 'Batman & Daredevil - King of New York' });
  });
});

describe('file names: any input', () => {
  const pieces = ['Batman', 'of', 'Vol.', 'v2', 'Book', 'One', 'Sep', 'issue', '#', '#01', '001', '2021', '1.5', '½', '-', '--', ':', ',', '.', '(', ')', '[', ']', '{', '}', ' ', '_', 'c2c', 'digital', 'T3', '&amp;'];

  it('reads any name made of the pieces names are made of, and cuts what is too long', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const patch = parseFilename(parts.join(''));
        expect((patch.series ?? '').length).toBeLessThanOrEqual(128);
        expect((patch.title ?? '').length).toBeLessThanOrEqual(128);
      }),
    );
  });

  it('reads a name of 100,000 tokens', () => {
    const warnings: string[] = [];
    const patch = parseFilename(`Series ${'Annual 7 - '.repeat(25_000)}v1 #1 ${'Title 7 - '.repeat(25_000)}.cbz`, warnings);
    expect(patch).toMatchObject({ volume: 1, issueNumber: 1 });
    expect(patch.series?.startsWith('Series Annual 7 - Annual')).toBe(true);
    expect(patch.title?.startsWith('Title 7 - Title')).toBe(true);
    expect(warnings).toEqual([
      expect.stringMatching(/^filename: series is \d{6} characters long, cut to 128$/),
      expect.stringMatching(/^filename: title is \d{6} characters long, cut to 128$/),
    ]);
  });

  it('takes a # issue after the volume over the bare numbers before it', () => {
    expect(read('Series v2 Part 2 #5.cbz')).toEqual({ series: 'Series Part 2', volume: 2, issueNumber: 5 });
    expect(read('Arkenstone Vol. 01 - The Smell 2 #3.cbz')).toEqual({ series: 'Arkenstone', volume: 1, issueNumber: 3, title: 'The Smell 2' });
  });
});
