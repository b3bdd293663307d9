import { pdfjsOnce } from '../archive/pdf';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/**
 * Renders one PDF page to PNG with pdfjs-dist, which draws on @napi-rs/canvas in Node (installed
 * as pdfjs's optional dependency). Loaded on first use only: a library of CBZs never pays for it.
 */

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
  const { getDocument, VerbosityLevel } = await pdfjsOnce();
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
