import { z } from 'zod';

/**
 * One page of a comic, in reading order (its index in the list is its page index). `entry` is the
 * archive entry to read; a PDF page has none (it is rendered by number). `kind`, `doublePage`,
 * `width` and `height` come from ComicInfo `<Pages>` when the comic has it.
 */
export const comicPageSchema = z.object({
  entry: z.string().min(1).optional(),
  /** Uncompressed bytes as the archive's listing declares them. */
  size: z.number().int().min(0).optional(),
  mediaType: z.string().min(1),
  width: z.number().int().min(1).optional(),
  height: z.number().int().min(1).optional(),
  /** ComicInfo's page Type: FrontCover, InnerCover, Story, Advertisement, BackCover, ... */
  kind: z.string().min(1).max(64).optional(),
  doublePage: z.literal(true).optional(),
});

export type ComicPage = z.infer<typeof comicPageSchema>;
