/**
 * ComicBookInfo: the JSON that ComicTagger writes into a zip comment. Only the fields generators
 * use are typed; see the format at code.google.com/archive/p/comicbookinfo.
 */
export interface ComicBookInfoCredit {
  person: string;
  role: string;
  primary?: boolean;
}

export interface ComicBookInfo {
  series?: string;
  title?: string;
  publisher?: string;
  publicationMonth?: number;
  publicationYear?: number;
  issue?: number | string;
  numberOfIssues?: number;
  volume?: number;
  numberOfVolumes?: number;
  rating?: number;
  genre?: string;
  language?: string;
  country?: string;
  credits?: ComicBookInfoCredit[];
  tags?: string[];
  comments?: string;
}

export function buildComicBookInfoJson(info: ComicBookInfo, lastModified = '2000-01-01 00:00:00'): string {
  return JSON.stringify({ appID: 'ComicTagger/1.0.0', lastModified, 'ComicBookInfo/1.0': info });
}
