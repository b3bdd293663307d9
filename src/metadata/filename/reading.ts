import type { GroupFact } from './groups';
import type { Token } from './lexer';
import type { HeadFacts } from './numbers';

/**
 * The states of the reading, in the order a name is written:
 * `series` → (`volume`) → `title` (after the issue) → `tail` (after the first bracket group).
 */
export type State = 'series' | 'volume' | 'title' | 'tail';

/** What the parser has read so far; the steps add to it. */
export interface Reading {
  state: State;
  tokens: readonly Token[];
  facts: HeadFacts;
  series: Token[];
  /** Words between the volume and the issue: the series' ("v1 Annual #01"), or a title when no issue follows. */
  afterVolume: Token[];
  afterVolumeWords: boolean;
  afterVolumeSeparated: boolean;
  title: Token[];
  tail: Token[];
  volume?: string;
  issue?: string;
  count?: string;
  /** A Title Case group seen before any issue: the title if an issue follows it ("Showcase 2001 (Hidden Realm) #001"). */
  pendingTitle?: ScanFact;
  dates: Array<{ year: string; month?: number; day?: string }>;
  groups: GroupFact[];
}

export type ScanFact = Extract<GroupFact, { kind: 'scan' }>;
