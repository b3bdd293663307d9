import { join } from 'node:path';
import { PAGE_PNG, writeCbz, type ArchiveEntry } from '../../../tools/archive-writers';

/**
 * Archives that exercise the tag rules (alternates, stories, tagger, tag identifiers, control
 * characters, comicbox's formats, deep entries), written with our own archive writers so a clone
 * without ../shared covers every rule. The file names say which rule each one carries.
 */
const page: ArchiveEntry = { name: 'pages/001.png', data: PAGE_PNG };

export const ALTERNATE_COMICINFO = `<?xml version="1.0" encoding="utf-8"?>
<ComicInfo>
  <Title>The Beginning; The End</Title>
  <Series>Captain Science</Series>
  <Number>1</Number>
  <AlternateSeries>Science Stories</AlternateSeries>
  <AlternateNumber>004</AlternateNumber>
  <AlternateCount>12</AlternateCount>
  <Notes>Tagged with ComicTagger 1.6 on 2024-01-01 [Issue ID 1]</Notes>
</ComicInfo>`;

export const METRON_WITH_IDS = `<?xml version="1.0" encoding="utf-8"?>
<MetronInfo>
  <Publisher id="1"><Name>Bell Features</Name><Imprint id="2">Bell Imprint</Imprint></Publisher>
  <Series id="3"><Name>Captain Science</Name></Series>
  <Number>1</Number>
  <Stories><Story id="4">First Contact</Story><Story>Second Story</Story></Stories>
  <Notes>Tagged with MetronTagger 2.3.0 using info from Metron on 2024-05-01.</Notes>
  <Characters><Character id="5">Captain Science</Character></Characters>
  <Teams><Team id="6">Science Squad</Team></Teams>
  <Locations><Location id="7">The Moon</Location></Locations>
  <Genres><Genre id="8">Science Fiction</Genre></Genres>
  <Tags><Tag id="9">rockets</Tag></Tags>
  <Arcs><Arc id="10"><Name>Moon War</Name><Number>1</Number></Arc></Arcs>
  <Universes><Universe id="11"><Name>Main</Name><Designation>Earth-1</Designation></Universe></Universes>
  <Credits><Credit><Creator id="12">Joe Orlando</Creator><Roles><Role>Writer</Role></Roles></Credit></Credits>
</MetronInfo>`;

/** The same tags numbered in Comic Vine, its primary ID source. */
export const METRON_PRIMARY_COMIC_VINE = `<?xml version="1.0" encoding="utf-8"?>
<MetronInfo>
  <IDS><ID source="Metron">90</ID><ID source="Comic Vine" primary="true">145269</ID></IDS>
  <Series id="4050"><Name>Captain Science</Name></Series>
  <Characters><Character id="77">Gordon Dane</Character></Characters>
</MetronInfo>`;

export const COMICBOX_JSON = JSON.stringify({
  appID: 'comicbox dev',
  comicbox: {
    series: { name: 'Captain Science', identifiers: { comicvine: { key: '4050-1' } } },
    issue: { name: '2' },
    volume: { number: 1950, issue_count: 7 },
    characters: { 'Captain Science': { identifiers: { metron: { key: '55' } } } },
    genres: ['Science Fiction'],
    identifiers: { comicvine: { key: '145269', url: 'https://comicvine.gamespot.com/c/4000-145269/' } },
    tagger: 'comicbox 2.0',
  },
});

export const COMICBOX_YAML = `comicbox:
  issue:
    number: 3
  imprint:
    name: YAML Imprint
  title: From YAML
  date:
    cover_date: 1950-11-01
  tags:
    a: {}
    b: {}
  arcs:
    Moon War:
      number: 2
  credits:
    Wally Wood:
      roles:
        Penciller: {}
        Inker: {}
`;

export const COMICBOX_COMMENT = JSON.stringify({ comicbox: { title: 'From the comment', summary: 'Only the comment says this.', issue: '4' } });

export const COMET_TITLE = `<?xml version="1.0" encoding="utf-8"?>
<comet><title>Part One; Part Two</title><series>Science Comics</series></comet>`;

export const CBI_WITH_CONTROL = JSON.stringify({
  appID: 'OldTagger',
  'ComicBookInfo/1.0': { series: 'Bell\u0000 Comics', title: 'komga\u0000', comments: 'A bell\u0007 rings.\nTwice.', tags: ['x\u0001y'] },
});

const DEEP = 'a/b/c/d/e/f/g';

/** Writes every fixture into `dir`; returns the path of each by its rule. */
export function writeTaggedFixtures(dir: string) {
  const paths = {
    alternate: join(dir, 'alternate.cbz'),
    metron: join(dir, 'metron.cbz'),
    metronComicVine: join(dir, 'metron comic vine.cbz'),
    comicbox: join(dir, 'comicbox.cbz'),
    comet: join(dir, 'comet.cbz'),
    control: join(dir, 'control.cbz'),
    deep: join(dir, 'deep.cbz'),
  };
  writeCbz(paths.alternate, [page, { name: 'ComicInfo.xml', data: ALTERNATE_COMICINFO }]);
  writeCbz(paths.metron, [page, { name: 'MetronInfo.xml', data: METRON_WITH_IDS }]);
  writeCbz(paths.metronComicVine, [page, { name: 'MetronInfo.xml', data: METRON_PRIMARY_COMIC_VINE }]);
  writeCbz(
    paths.comicbox,
    [page, { name: 'MetronInfo.xml', data: METRON_WITH_IDS }, { name: 'comicbox.yaml', data: COMICBOX_YAML }, { name: 'comicbox.json', data: COMICBOX_JSON }],
    { comment: COMICBOX_COMMENT },
  );
  writeCbz(paths.comet, [page, { name: 'CoMet.xml', data: COMET_TITLE }]);
  writeCbz(paths.control, [page], { comment: CBI_WITH_CONTROL });
  writeCbz(paths.deep, [
    { name: `${DEEP}/h/ComicInfo.xml`, data: '<ComicInfo><Series>Deeper</Series></ComicInfo>' },
    { name: `${DEEP}/ComicInfo.xml`, data: '<ComicInfo><Series>Seven Deep</Series></ComicInfo>' },
    { name: `${DEEP}/MetronInfo.xml`, data: '<MetronInfo><Number>5</Number></MetronInfo>' },
    { name: `${DEEP}/001.png`, data: PAGE_PNG },
  ]);
  return paths;
}
