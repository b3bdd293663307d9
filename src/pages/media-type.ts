/** The media type a page is served with, by its extension (the page rule admits only these). */
const MEDIA_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  jxl: 'image/jxl',
  bmp: 'image/bmp',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  heic: 'image/heic',
};

export const PDF_PAGE_MEDIA_TYPE = 'image/png';

export function mediaTypeOf(entryName: string): string {
  const dot = entryName.lastIndexOf('.');
  return MEDIA_TYPES[entryName.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}
