/**
 * One sync pass of a ZkCache: reads the subtree (each node, and the children of those that have
 * any), with its answers applied in order among the notifications' (ordered-reads.ts), then
 * removes what the pass did not see and no notification brought back: the nodes deleted while
 * the cache could not hear. At most MAX_IN_FLIGHT reads are out at once: the server queues no
 * more than about a thousand requests anyway, and each waits on one shared abort signal.
 */
import { joinPath } from '../../client/paths.js';
import { NoAuthError, NoNodeError } from '../../errors.js';
const MAX_IN_FLIGHT = 1000;
export function syncPass(host) {
    return new Promise((resolve, reject) => {
        let outstanding = 0;
        let inFlight = 0;
        let over = false;
        const waiting = [];
        const settle = (fn) => {
            if (over)
                return;
            over = true;
            host.closing.removeEventListener('abort', onClose);
            fn();
        };
        const fail = (e) => settle(() => reject(e));
        const onClose = () => fail(host.closing.reason);
        if (host.closing.aborted)
            return onClose();
        host.closing.addEventListener('abort', onClose, { once: true });
        const done = () => {
            if (--outstanding > 0 || over)
                return;
            host.afterEarlier(() => (host.sweep() ? settle(resolve) : fail(new Error('a newer sync pass began'))));
        };
        const pump = () => {
            while (!over && inFlight < MAX_IN_FLIGHT && waiting.length > 0) {
                const [path, depth] = waiting.pop();
                send(path, depth);
            }
        };
        const visit = (path, depth) => {
            outstanding++;
            waiting.push([path, depth]);
        };
        const send = (path, depth) => {
            inFlight++;
            host.read(path, (o) => {
                inFlight--;
                if (!o.ok) {
                    if (!(o.error instanceof NoAuthError))
                        return fail(o.error);
                    host.noAccess(path);
                    pump();
                    return done();
                }
                host.apply(path, o.value);
                const node = o.value;
                if (!over && node && node.stat.numChildren > 0 && depth < host.maxDepth) {
                    outstanding++;
                    host.children(path).then((names) => {
                        if (over)
                            return;
                        for (const name of names) {
                            const child = joinPath(path, name);
                            if (host.wants(child))
                                visit(child, depth + 1);
                        }
                        pump();
                        done();
                    }, (e) => (e instanceof NoNodeError ? done() : fail(e)));
                }
                pump();
                done();
            });
        };
        visit(host.root, 0);
        pump();
    });
}
//# sourceMappingURL=sync-pass.js.map