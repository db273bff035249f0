import net from 'node:net';
/**
 * Sends a ZooKeeper four-letter word (`ruok`, `srvr`, `stat`, `mntr`, `conf`, ...) and resolves with the
 * whole reply. The server answers and closes the connection, so the reply is everything read until EOF.
 * Rejects on connection errors, and when no complete reply arrives within `timeoutMs` (a paused or
 * blackholed server accepts the connection but never answers).
 */
export function fourLetterWord(host, port, word, timeoutMs = 2000) {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port });
        const chunks = [];
        let settled = false;
        const finish = (err, reply) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            socket.destroy();
            if (err)
                reject(err);
            else
                resolve(reply ?? '');
        };
        const timer = setTimeout(() => finish(new Error(`four-letter word '${word}' to ${host}:${port}: no reply within ${timeoutMs} ms`)), timeoutMs);
        socket.on('connect', () => socket.end(word));
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('end', () => finish(undefined, Buffer.concat(chunks).toString('utf8')));
        socket.on('error', (err) => finish(err));
        // A reset after a complete reply still counts as closed; 'close' without 'end' means we got cut off.
        socket.on('close', () => finish(new Error(`four-letter word '${word}' to ${host}:${port}: connection closed`)));
    });
}
/** The server's role from a `srvr`/`stat` reply: 'standalone', 'leader', 'follower', 'observer', ... */
export function parseMode(reply) {
    return /^Mode: (\S+)/m.exec(reply)?.[1];
}
//# sourceMappingURL=four-letter.js.map