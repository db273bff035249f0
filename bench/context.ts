/** What every figure gets: the run's sizes, the peers, a client of the driver's own, the server. */

import type { Impl } from '../peers/launch.js';
import type { PeerPool } from '../peers/pool.js';
import type { ZkClient } from '../src/index.js';

export interface BenchConfig {
  quick: boolean;
  /** Repetitions whose medians are reported (each runs every implementation, in a rotating order). */
  rounds: number;
  /** Uncontended acquire+release cycles per round. */
  cycles: number;
  /** Waiting processes for the handoff figure. */
  handoffKs: number[];
  /** ms each contention run lasts, and its unrecorded warm-up. */
  contendMs: number;
  contendWarmupMs: number;
  /** ms a holder keeps the lock in the handoff's second regime (so that every other process waits). */
  handoffBusyMs: number;
  manyLocks: number;
  manyConcurrency: number[];
  herdWaiters: number;
  herdReleases: number;
  reentrantPairs: number;
  memoryLocks: number;
  readers: number;
  readerRounds: number;
  writerKs: number[];
  /** Processes waiting on a held lock, and the ms their CPU is measured while parked. */
  parkedWaiters: number;
  parkedMs: number;
}

export function config(quick: boolean): BenchConfig {
  return quick
    ? {
        quick,
        rounds: 2,
        cycles: 100,
        handoffKs: [2, 10],
        contendMs: 700,
        contendWarmupMs: 250,
        handoffBusyMs: 2,
        manyLocks: 300,
        manyConcurrency: [1, 16, 128],
        herdWaiters: 9,
        herdReleases: 8,
        reentrantPairs: 20_000,
        memoryLocks: 2_000,
        readers: 10,
        readerRounds: 3,
        writerKs: [2],
        parkedWaiters: 10,
        parkedMs: 3_000,
      }
    : {
        quick,
        rounds: 5,
        cycles: 400,
        handoffKs: [2, 10, 50],
        contendMs: 2_000,
        contendWarmupMs: 500,
        handoffBusyMs: 2,
        manyLocks: 1_000,
        manyConcurrency: [1, 16, 128],
        herdWaiters: 9,
        herdReleases: 30,
        reentrantPairs: 200_000,
        memoryLocks: 10_000,
        readers: 10,
        readerRounds: 10,
        writerKs: [2, 10],
        parkedWaiters: 10,
        parkedMs: 10_000,
      };
}

export interface BenchContext {
  config: BenchConfig;
  /** The implementations that run here, ours (zk-recipes on the built-in wire) first. */
  impls: Impl[];
  /**
   * `impls` with zk-recipes on node-zookeeper-client ('nzc') after ours: for the figures that
   * compare the two wire backends (uncontended cycle, handoff, parked waiters, many locks).
   */
  implsBothWires: Impl[];
  pool: PeerPool;
  /** The driver's own session, for looking at the lock directories. */
  client: ZkClient;
  connectString: string;
  /** A four-letter word to the (first) server. */
  fourLetter(word: string): Promise<string>;
  /** The server's count of requests received so far (`mntr` zk_packets_received, pings included). */
  serverRequests(): Promise<number>;
  /** CPU µs the server process has used so far; undefined when it cannot be read (ZK_CONNECT, not Linux). */
  serverCpuUs(): number | undefined;
  log(line: string): void;
  /** Records a part of a figure that failed; the figure goes on with its other parts. */
  failed(part: string, error: unknown): void;
}

/** CLOCK_MONOTONIC in ns: comparable with the peers' System.nanoTime() and time.monotonic_ns(). */
export const monoNs = (): bigint => process.hrtime.bigint();
