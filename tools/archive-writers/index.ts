export type { ArchiveEntry } from './entry';
export { buildZip, writeCbz, type ZipOptions } from './zip';
export { buildTar, type TarEntry, type TarOptions, type TarSparse, type TarSparseFormat, writeCbt } from './tar';
export { buildSevenZip, writeCb7 } from './sevenzip';
export { buildPdf, writePdf, type PdfInfo, type PdfSpec } from './pdf';
export { PAGE_PNG, PAGE_PNGS, makePng } from './page-image';
