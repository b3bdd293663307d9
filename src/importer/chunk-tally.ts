import type { ImportReport } from './report';
import type { ChunkResult } from './write-chunk';

/** Metadata warnings listed in the report; the rest are only counted. */
const WARNING_SAMPLE = 20;

/** Sums what the written chunks report. */
export function createChunkTally() {
  const counts = { created: 0, updated: 0, failed: 0 };
  const warnings: ImportReport['warnings'] = { count: 0, sample: [] };
  return {
    add(result: ChunkResult): void {
      counts.created += result.created;
      counts.updated += result.updated;
      counts.failed += result.failed;
      warnings.count += result.warnings.length;
      warnings.sample.push(...result.warnings.slice(0, WARNING_SAMPLE - warnings.sample.length));
    },
    counts,
    warnings,
  };
}
