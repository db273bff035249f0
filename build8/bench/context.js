/** What every figure gets: the run's sizes, the peers, a client of the driver's own, the server. */
export function config(quick) {
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
/** CLOCK_MONOTONIC in ns: comparable with the peers' System.nanoTime() and time.monotonic_ns(). */
export const monoNs = () => process.hrtime.bigint();
//# sourceMappingURL=context.js.map