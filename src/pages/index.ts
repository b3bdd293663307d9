/** Pages: the page list the import stores, and reading one page back from its archive. */
export { coverIndexOf, pageListOf, pdfPageList } from './page-list';
export { compareEntryNames } from './natural-order';
export { mediaTypeOf } from './media-type';
export { openPage, storedPages, type StoredPages } from './open-page';
export { readPage, type PageFailure, type PageFailureCode, type PageResult, type ReadPageOptions, type StoredFile } from './read-page';
