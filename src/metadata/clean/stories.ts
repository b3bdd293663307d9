import { nameKey, uniqueBy } from './lists';
import { cleanName } from './names';

/**
 * A title names the book's stories, separated by semicolons, as comicbox reads it: "The
 * Beginning; The End" is the stories "The Beginning" and "The End", and a title without a
 * semicolon is one story. Applied to the merged record, so the stories follow the title that
 * won; a title from the tags stays as written. A book whose tags list stories but no title
 * (MetronInfo has no title element) takes them joined with "; " as its title, and so does one
 * whose only title is its file name's guess (which is then one more story, as in comicbox).
 */
export function storiesAndTitle(
  title: string | undefined,
  stories: readonly string[],
  titleIsFileName: boolean,
): { title?: string; stories: string[] } {
  const fromTitle = (title ?? '').split(';').flatMap((part) => cleanName(part).value ?? []);
  const all = uniqueBy([...stories, ...fromTitle], nameKey);
  const keep = title !== undefined && (!titleIsFileName || stories.length === 0);
  const joined = keep ? title : all.length === 0 ? undefined : cleanName(all.join('; ')).value;
  return { ...(joined !== undefined && { title: joined }), stories: all };
}
