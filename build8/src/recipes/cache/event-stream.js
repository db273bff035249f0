/**
 * Async iterators over a stream of events that nobody can pause (ZooKeeper pushes them), each
 * with a bounded buffer. A consumer that falls behind by more than its buffer gets every event
 * it had buffered, then a CacheOverflowError: it must look at the state again rather than be
 * fed an incomplete story. `end()` finishes every iterator after its buffered events.
 */
import { CacheOverflowError } from '../../errors.js';
export class EventStream {
    subscribers = new Set();
    ended = false;
    get size() {
        return this.subscribers.size;
    }
    push(event) {
        for (const s of this.subscribers) {
            if (s.overflowed)
                continue;
            if (s.buffer.length - s.head >= s.bufferSize)
                s.overflowed = true;
            else
                s.buffer.push(event);
            s.wake?.();
        }
    }
    /** Every iterator finishes after its buffered events; later iterators are done at once. */
    end() {
        this.ended = true;
        for (const s of this.subscribers) {
            s.ended = true;
            s.wake?.();
        }
    }
    /** An iterator of the events pushed from now on; `signal` finishes it. */
    iterate(bufferSize, signal) {
        const sub = {
            buffer: [],
            head: 0,
            bufferSize,
            overflowed: false,
            ended: this.ended || signal?.aborted === true,
            wake: undefined,
        };
        const onAbort = () => {
            sub.ended = true;
            sub.wake?.();
        };
        if (!sub.ended) {
            this.subscribers.add(sub);
            signal?.addEventListener('abort', onAbort, { once: true });
        }
        const leave = () => {
            this.subscribers.delete(sub);
            signal?.removeEventListener('abort', onAbort);
            sub.buffer.length = 0;
            sub.head = 0;
        };
        const iterator = {
            next: async () => {
                for (;;) {
                    if (sub.head < sub.buffer.length) {
                        const value = sub.buffer[sub.head++];
                        if (sub.head > 1024 && sub.head * 2 > sub.buffer.length) {
                            sub.buffer.splice(0, sub.head); // read events go in batches, not one shift() each
                            sub.head = 0;
                        }
                        return { value, done: false };
                    }
                    if (sub.overflowed) {
                        leave();
                        sub.overflowed = false;
                        sub.ended = true;
                        throw new CacheOverflowError(`the consumer fell more than ${bufferSize} events behind (bufferSize); later events were not kept: read the cache's state again, or iterate with a larger bufferSize`);
                    }
                    if (sub.ended) {
                        leave();
                        return { value: undefined, done: true };
                    }
                    await new Promise((resolve) => {
                        sub.wake = resolve;
                    });
                    sub.wake = undefined;
                }
            },
            return: async () => {
                sub.ended = true;
                leave();
                return { value: undefined, done: true };
            },
            [Symbol.asyncIterator]() {
                return iterator;
            },
        };
        return iterator;
    }
}
//# sourceMappingURL=event-stream.js.map