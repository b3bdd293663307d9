import type { GeneratedFormat } from './comic-spec';

/** What every profile's planner takes. */
export interface PlanOptions {
  count: number;
  seed: number;
  /** Only these formats; the profile's mix is renormalised over them. */
  formats?: readonly GeneratedFormat[];
}
