/** Pages: the page list the import stores, and reading one page back from its archive. */
export { coverIndexOf, pageListOf, pdfPageList } from './page-list';
export { openPage, storedPages, type StoredPages } from './open-page';
export { readPage, type PageFailure, type PageFailureCode, type PageResult, type ReadPageOptions, type StoredFile } from './read-page';
