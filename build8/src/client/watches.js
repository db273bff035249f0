export class SessionWatches {
    onThrow;
    byKey = new Map();
    all = new Set();
    constructor(onThrow) {
        this.onThrow = onThrow;
    }
    /** How many callers' watches are waiting (for tests and diagnostics). */
    get size() {
        return this.all.size;
    }
    /** The path watch to send a read of (kind, path) with. */
    pathWatch(kind, path) {
        const key = `${kind}:${path}`;
        let pw = this.byKey.get(key);
        if (!pw) {
            const entries = new Set();
            const made = {
                entries,
                wire: (event) => {
                    // The wire client dropped its watcher with this event; the next read registers anew.
                    if (this.byKey.get(key) === made)
                        this.byKey.delete(key);
                    for (const e of [...entries])
                        e.fire(event);
                },
            };
            pw = made;
            this.byKey.set(key, pw);
        }
        return pw;
    }
    /**
     * Adds `watch` to `pw` once the read sent with `pw.wire` was answered (the server set its watch
     * with that read, and the wire client registered `pw.wire` for it, even if an earlier
     * notification of the path already fired it once). Returns the function that removes it.
     */
    add(pw, watch) {
        let done = false;
        const remove = () => {
            done = true;
            pw.entries.delete(entry);
            this.all.delete(entry);
        };
        const entry = {
            fire: (event) => {
                if (done)
                    return;
                remove();
                try {
                    watch(event);
                }
                catch (err) {
                    this.onThrow(err);
                }
            },
        };
        pw.entries.add(entry);
        this.all.add(entry);
        return remove;
    }
    /** Forgets the callers' watches of (kind, path), which never fire: the server dropped it (removeWatches). */
    drop(kind, path) {
        const pw = this.byKey.get(`${kind}:${path}`);
        if (!pw)
            return;
        this.byKey.delete(`${kind}:${path}`);
        for (const e of pw.entries)
            this.all.delete(e);
        pw.entries.clear();
    }
    /** The session is over: every watch hears `sessionEnded` (none can fire any more). */
    endAll() {
        this.byKey.clear();
        for (const e of [...this.all])
            e.fire({ type: 'sessionEnded', path: '' });
    }
}
//# sourceMappingURL=watches.js.map