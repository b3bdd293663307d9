import { describe, expect, it } from 'vitest';
import { parseFilename } from '../../src/metadata';

/** Only the fields a name sets; everything else must be absent. */
type Expected = Partial<{
  series: string;
  volume: number;
  issueNumber: number;
  issueSuffix: string;
  volumeIssueCount: number;
  year: number;
  month: number;
  title: string;
  originalFormat: string;
  scanInfo: string;
}>;

const defined = (patch: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));

const NAMES: Array<[string, Expected]> = [
  // The brief's own examples.
  ['Series Name v2 #012 (2019) (Digital) (Group).cbz', { series: 'Series Name', volume: 2, issueNumber: 12, year: 2019, originalFormat: 'Digital', scanInfo: 'Group' }],
  ['Batman 001 (2016).cbr', { series: 'Batman', issueNumber: 1, year: 2016 }],
  ['The Walking Dead 100 (2012) (digital-Empire).cbz', { series: 'The Walking Dead', issueNumber: 100, year: 2012, originalFormat: 'Digital', scanInfo: 'Empire' }],
  ['Captain Science #001 (1950) The Beginning - nothing.cbz', { series: 'Captain Science', issueNumber: 1, year: 1950, title: 'The Beginning - nothing' }],
  ['2000 AD 1234 (2021).cbz', { series: '2000 AD', issueNumber: 1234, year: 2021 }],
  ['Spider-Man 2099 #01.cbz', { series: 'Spider-Man 2099', issueNumber: 1 }],
  ["X-Men '97 001.cbz", { series: "X-Men '97", issueNumber: 1 }],
  ['Saga Deluxe Edition (2014).cbz', { series: 'Saga Deluxe Edition', year: 2014 }],
  // Issue numbers: zero, negative, halves, decimals, suffixes.
  ['Fantastic Four 0 (2014).cbz', { series: 'Fantastic Four', issueNumber: 0, year: 2014 }],
  ['Flash #0 (1994).cbz', { series: 'Flash', issueNumber: 0, year: 1994 }],
  ['Batman #-1 (1994).cbz', { series: 'Batman', issueNumber: -1, year: 1994 }],
  // A range starts with its first issue, padded or not (the padded end is not the head's last number).
  ['Invincible 001-003.cbz', { series: 'Invincible', issueNumber: 1, title: '003' }],
  ['Invincible 1-3.cbz', { series: 'Invincible', issueNumber: 1, title: '3' }],
  ['Hellboy 01-02 (1994).cbz', { series: 'Hellboy', issueNumber: 1, year: 1994, title: '02' }],
  ['Earth X #½.cbz', { series: 'Earth X', issueNumber: 0.5 }],
  ['Wizard ½ (1998).cbz', { series: 'Wizard', issueNumber: 0.5, year: 1998 }],
  ['Avengers #001½.cbz', { series: 'Avengers', issueNumber: 1.5 }],
  ['Avengers 1/2 (1999).cbr', { series: 'Avengers', issueNumber: 0.5, year: 1999 }],
  ['Amazing Spider-Man 1.5 (2014).cbz', { series: 'Amazing Spider-Man', issueNumber: 1.5, year: 2014 }],
  ['Age of Ultron 001AU (2013).cbz', { series: 'Age of Ultron', issueNumber: 1, issueSuffix: 'AU', year: 2013 }],
  ['Wolverine & the X-Men #27AU.cbz', { series: 'Wolverine & the X-Men', issueNumber: 27, issueSuffix: 'AU' }],
  ['The Amazing Spider-Man #78.BEY.cbz', { series: 'The Amazing Spider-Man', issueNumber: 78, issueSuffix: 'BEY' }],
  ['A Fractional Comic 8.54.cbz', { series: 'A Fractional Comic', issueNumber: 8.54 }],
  ['action comics 1024.cbz', { series: 'action comics', issueNumber: 1024 }],
  ['Night of 1000 Wolves 001 (2013).cbz', { series: 'Night of 1000 Wolves', issueNumber: 1, year: 2013 }],
  ['Batman #B01 title.cbz', { series: 'Batman', issueSuffix: 'B01', title: 'title' }],
  // Volumes: v2, Vol. 2, a year as volume, two years.
  ['Sandman v2019 #1.cbz', { series: 'Sandman', volume: 2019, issueNumber: 1 }],
  ['Saga v01 (2012) (Digital) (Zone-Empire).cbz', { series: 'Saga', volume: 1, year: 2012, originalFormat: 'Digital', scanInfo: 'Zone-Empire' }],
  ['Usagi Yojimbo Vol. 2 #3 (1996).cbz', { series: 'Usagi Yojimbo', volume: 2, issueNumber: 3, year: 1996 }],
  ['Avengers Volume 03 (2013).cbz', { series: 'Avengers', volume: 3, year: 2013 }],
  ['Kartalk v01 001 - Fear the Brakes (2004) (digital) (Son of Ultron-EMpire).cbr', { series: 'Kartalk', volume: 1, issueNumber: 1, title: 'Fear the Brakes', year: 2004, originalFormat: 'Digital', scanInfo: 'Son of Ultron-EMpire' }],
  ['Arkenstone Vol. 01 - The Smell of Burnt Toast (2020) (digital) (My-brother).cbr', { series: 'Arkenstone', volume: 1, title: 'The Smell of Burnt Toast', year: 2020, originalFormat: 'Digital', scanInfo: 'My-brother' }],
  ['Super Strange Yarns (1957) #92 (1969).cbz', { series: 'Super Strange Yarns', volume: 1957, issueNumber: 92, year: 1969 }],
  ['33475 OMAC v3 2.cbr', { series: '33475 OMAC', volume: 3, issueNumber: 2 }],
  // Titles, counts, dates.
  ['Batman - The Long Halloween 01 (of 13) (1996).cbz', { series: 'Batman - The Long Halloween', issueNumber: 1, volumeIssueCount: 13, year: 1996 }],
  ['Star Wars - Doctor Aphra #001 - Aphra Part I (2017).cbz', { series: 'Star Wars - Doctor Aphra', issueNumber: 1, title: 'Aphra Part I', year: 2017 }],
  ['Long Series Name (2000) 001 Title (TPB) (Releaser).cbz', { series: 'Long Series Name', issueNumber: 1, title: 'Title', year: 2000, originalFormat: 'TPB', scanInfo: 'Releaser' }],
  ['Long Series Name 001 (2000) Title (TPB) (Releaser).cbz', { series: 'Long Series Name', issueNumber: 1, title: 'Title', year: 2000, originalFormat: 'TPB', scanInfo: 'Releaser' }],
  ['Marvel Previews #002 (January 2022).cbr', { series: 'Marvel Previews', issueNumber: 2, year: 2022, month: 1 }],
  ['King of Skittles 2 of 5 (2020).cbz', { series: 'King of Skittles', issueNumber: 2, volumeIssueCount: 5, year: 2020 }],
  ['Invincible (1 of 6) (2003).cbz', { series: 'Invincible', issueNumber: 1, volumeIssueCount: 6, year: 2003 }],
  ['Captain Science #001-cix-cbi.cbr', { series: 'Captain Science', issueNumber: 1, title: 'cix-cbi' }],
  // Tags: webrip, c2c, scanners in brackets, noise.
  ["Batman - Superman - World's Finest 022 (2024) (Webrip) (The Last Kryptonian-DCP).cbz", { series: "Batman - Superman - World's Finest", issueNumber: 22, year: 2024, originalFormat: 'Webrip', scanInfo: 'The Last Kryptonian-DCP' }],
  ['Tales of Suspense 039 (1963) [c2c].cbz', { series: 'Tales of Suspense', issueNumber: 39, year: 1963, scanInfo: 'c2c' }],
  ['Marvel Two In One V1 #090  c2c.cbr', { series: 'Marvel Two In One', volume: 1, issueNumber: 90, scanInfo: 'c2c' }],
  ['Monster_Island_v1_#2__repaired__c2c.cbz', { series: 'Monster Island', volume: 1, issueNumber: 2, title: 'repaired', scanInfo: 'c2c' }],
  ['Jeremy John 003 (2007) (4 covers) (digital) (Minutemen-Faessla).cbz', { series: 'Jeremy John', issueNumber: 3, year: 2007, originalFormat: 'Digital', scanInfo: 'Minutemen-Faessla' }],
  ['Jeremy John 001 (2006) (digital (Minutemen-Faessla).cbz', { series: 'Jeremy John', issueNumber: 1, year: 2006, originalFormat: 'Digital', scanInfo: 'Minutemen-Faessla' }],
  ['[Scanner] Hellboy 001 (1994).cbz', { series: 'Hellboy', issueNumber: 1, year: 1994, scanInfo: 'Scanner' }],
  ['The_Arkenstone_v03_(2002)_(Digital)_(DR_&amp;_Quenya-Elves).cbr', { series: 'The Arkenstone', volume: 3, year: 2002, originalFormat: 'Digital', scanInfo: 'DR & Quenya-Elves' }],
  // No issue at all.
  ['Ultimate Craziness (2019) (Digital) (Friends-of-Bill).cbr', { series: 'Ultimate Craziness', year: 2019, originalFormat: 'Digital', scanInfo: 'Friends-of-Bill' }],
  ["Batman '89 (2021).cbr", { series: "Batman '89", year: 2021 }],
  ['Spider-Man 2099 (2014).cbz', { series: 'Spider-Man 2099', year: 2014 }],
  ['Blade Runner Free Comic Book Day 2021 (2021).cbr', { series: 'Blade Runner Free Comic Book Day 2021', year: 2021 }],
  ['Star Wars - War of the Bounty Hunters - IG-88 (2021).cbz', { series: 'Star Wars - War of the Bounty Hunters - IG-88', year: 2021 }],
  ['Kartalk Library Edition v01 (1992) (digital) (Son of Ultron-Empire).cbr', { series: 'Kartalk Library Edition', volume: 1, year: 1992, originalFormat: 'Digital', scanInfo: 'Son of Ultron-Empire' }],
  ['Watchmen.pdf', { series: 'Watchmen' }],
  ['empty.cbz', { series: 'empty' }],
];

describe('parseFilename', () => {
  it('has at least 40 real-world-style names', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(NAMES)('reads %s', (name, expected) => {
    expect(defined(parseFilename(name))).toEqual(expected);
  });

  it('cuts a 100 KB name to 128 characters and says so', () => {
    const warnings: string[] = [];
    const patch = parseFilename(`${'A'.repeat(100_000)} 001.cbz`, warnings);
    expect(patch.series).toHaveLength(128);
    expect(patch.issueNumber).toBe(1);
    expect(warnings).toEqual(['filename: series is 100000 characters long, cut to 128']);
  });
});
