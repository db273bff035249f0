/**
 * Milliseconds on the monotonic clock (CLOCK_MONOTONIC on Linux). Unlike `performance.now()`,
 * which counts from each process's start, this is one clock for every process on the machine,
 * so holds logged by different processes can be compared.
 */
export function monotonicNow() {
    return Number(process.hrtime.bigint()) / 1e6;
}
//# sourceMappingURL=clock.js.map