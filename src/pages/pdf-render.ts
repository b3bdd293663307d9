import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Renders one PDF page to PNG with pdfjs-dist, which draws on @napi-rs/canvas in Node (installed
 * as pdfjs's optional dependency). Loaded on first use only: a library of CBZs never pays for it.
 */

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * Imported as plain Node modules, past tsx's loader: through tsx, pdfjs's 3 MB of JavaScript costs
 * about 340 MB per thread (see src/archive/pdf.ts, which loads it the same way to read metadata).
 */
const PLAIN_NODE = '?tsx-namespace=longbox-plain-node';
const plainUrl = (specifier: string): string => pathToFileURL(createRequire(import.meta.url).resolve(specifier)).href + PLAIN_NODE;

let pdfjs: Promise<Pdfjs> | undefined;

async function loadPdfjs(): Promise<Pdfjs> {
  const library = (await import(plainUrl('pdfjs-dist/legacy/build/pdf.mjs'))) as Pdfjs;
  library.GlobalWorkerOptions.workerSrc = plainUrl('pdfjs-dist/legacy/build/pdf.worker.mjs');
  return library;
}

/** A hostile PDF can make pdfjs spin: a page is never worth more than this. */
const RENDER_TIMEOUT_MS = 30_000;

export interface PdfRenderOptions {
  /** Pixels of the rendered page at most: a huge MediaBox is drawn smaller, never allocated whole. */
  maxPixels: number;
  /** Scale over the page's 72-dpi size, before the pixel cap (2 is 144 dpi). */
  scale: number;
}

/** Throws with pdfjs's message for a damaged or encrypted file; the caller words the reason. */
export async function renderPdfPage(path: string, pageIndex: number, options: PdfRenderOptions): Promise<Buffer> {
  const { getDocument, VerbosityLevel } = await (pdfjs ??= loadPdfjs());
  const task = getDocument({ url: path, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: VerbosityLevel.ERRORS });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`rendering took longer than ${RENDER_TIMEOUT_MS / 1000} s`)), RENDER_TIMEOUT_MS);
  });
  try {
    return await Promise.race([render(task.promise, pageIndex, options), timeout]);
  } finally {
    clearTimeout(timer);
    await task.destroy();
  }
}

interface NodeCanvas {
  toBuffer(type: 'image/png'): Buffer;
}

async function render(loading: ReturnType<Pdfjs['getDocument']>['promise'], pageIndex: number, options: PdfRenderOptions): Promise<Buffer> {
  const document = await loading;
  const page = await document.getPage(pageIndex + 1);
  const natural = page.getViewport({ scale: 1 });
  const scale = Math.min(options.scale, Math.sqrt(options.maxPixels / Math.max(1, natural.width * natural.height)));
  const viewport = page.getViewport({ scale });
  // In Node the factory makes @napi-rs/canvas canvases; pdfjs's types name the DOM's.
  const factory = document.canvasFactory as { create(width: number, height: number): { canvas: NodeCanvas; context: unknown } };
  const { canvas, context } = factory.create(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
  await page.render({ canvasContext: context, viewport, canvas } as unknown as Parameters<typeof page.render>[0]).promise;
  return canvas.toBuffer('image/png');
}
