/** What every figure produces: rows of one measured quantity per implementation. */
import type { Impl } from '../peers/launch.js';

export type Better = 'lower' | 'higher' | 'exact';

export interface Row {
  /** Stable key, e.g. 'uncontended.mutex.p50'. */
  id: string;
  /** The figure this row belongs to, e.g. 'Uncontended acquire+release'. */
  figure: string;
  /** What is measured, e.g. 'mutex p50'. */
  label: string;
  unit: string;
  /** Which way is good; 'exact' rows have a target value instead. */
  better: Better;
  /** Median over rounds; undefined when the implementation did not run (or has no such thing). */
  values: Partial<Record<Impl, number>>;
  /** The per-round values behind the medians. */
  rounds?: Partial<Record<Impl, number[]>>;
  /** For 'exact' rows, and for reference rows (the raw ceiling). */
  target?: number;
  note?: string;
}

/** ours / theirs, when both ran. */
export function ratio(row: Row, theirs: Impl): number | undefined {
  const a = row.values.ours;
  const b = row.values[theirs];
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0)
    return undefined;
  return a / b;
}

/** Whether a ratio ours/theirs is in our favour for this row. */
export function favourable(row: Row, r: number): boolean {
  return row.better === 'higher' ? r >= 1 : r <= 1;
}
