var __addDisposableResource = (this && this.__addDisposableResource) || function (env, value, async) {
    if (value !== null && value !== void 0) {
        if (typeof value !== "object" && typeof value !== "function") throw new TypeError("Object expected.");
        var dispose, inner;
        if (async) {
            if (!Symbol.asyncDispose) throw new TypeError("Symbol.asyncDispose is not defined.");
            dispose = value[Symbol.asyncDispose];
        }
        if (dispose === void 0) {
            if (!Symbol.dispose) throw new TypeError("Symbol.dispose is not defined.");
            dispose = value[Symbol.dispose];
            if (async) inner = dispose;
        }
        if (typeof dispose !== "function") throw new TypeError("Object not disposable.");
        if (inner) dispose = function() { try { inner.call(this); } catch (e) { return Promise.reject(e); } };
        env.stack.push({ value: value, dispose: dispose, async: async });
    }
    else if (async) {
        env.stack.push({ async: true });
    }
    return value;
};
var __disposeResources = (this && this.__disposeResources) || (function (SuppressedError) {
    return function (env) {
        function fail(e) {
            env.error = env.hasError ? new SuppressedError(e, env.error, "An error was suppressed during disposal.") : e;
            env.hasError = true;
        }
        var r, s = 0;
        function next() {
            while (r = env.stack.pop()) {
                try {
                    if (!r.async && s === 1) return s = 0, env.stack.push(r), Promise.resolve().then(next);
                    if (r.dispose) {
                        var result = r.dispose.call(r.value);
                        if (r.async) return s |= 2, Promise.resolve(result).then(next, function(e) { fail(e); return next(); });
                    }
                    else s |= 1;
                }
                catch (e) {
                    fail(e);
                }
            }
            if (s === 1) return env.hasError ? Promise.reject(env.error) : Promise.resolve();
            if (env.hasError) throw env.error;
        }
        return next();
    };
})(typeof SuppressedError === "function" ? SuppressedError : function (error, suppressed, message) {
    var e = new Error(message);
    return e.name = "SuppressedError", e.error = error, e.suppressed = suppressed, e;
});
/** ZkTestCluster's ownAddresses: each member on its own loopback address, in the machine's namespace. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ZkClient } from '../../src/index.js';
import { fourLetterWord, NetworkNemesis, ZkTestCluster } from '../../src/testing/index.js';
test('ownAddresses: members listen on 127.0.0.2, .3, .4 (client, quorum, election) and serve', {
    skip: process.platform !== 'linux' ? 'all of 127.0.0.0/8 is local on Linux only' : false,
}, async () => {
    const env_1 = { stack: [], error: void 0, hasError: false };
    try {
        const cluster = __addDisposableResource(env_1, await ZkTestCluster.start({ size: 3, ownAddresses: true }), true);
        assert.deepEqual(cluster.members.map((m) => m.host), ['127.0.0.2', '127.0.0.3', '127.0.0.4']);
        assert.match(cluster.connectString, /^127\.0\.0\.2:\d+,127\.0\.0\.3:\d+,127\.0\.0\.4:\d+$/);
        // Quorum and election ports on the member's own address too (server.N lines of its zoo.cfg).
        const conf = await cluster.members[1].fourLetter('conf');
        assert.match(conf, /127\.0\.0\.3:\d+:\d+:participant/);
        // The client port is on that address only: 127.0.0.1 refuses it.
        const m = cluster.members[1];
        assert.equal(await fourLetterWord('127.0.0.3', m.port, 'ruok'), 'imok');
        await assert.rejects(fourLetterWord('127.0.0.1', m.port, 'ruok'), /ECONNREFUSED/);
        const client = new ZkClient(cluster.members[2].connectString, { sessionTimeout: 4000 });
        await client.connect();
        await client.create('/own-addresses', Buffer.from('x'));
        assert.equal((await client.getData('/own-addresses')).data.toString(), 'x');
        await client.close();
    }
    catch (e_1) {
        env_1.error = e_1;
        env_1.hasError = true;
    }
    finally {
        const result_1 = __disposeResources(env_1);
        if (result_1)
            await result_1;
    }
});
test('NetworkNemesis refuses to run outside a namespace of runNetworkNamespaced(): never the machine firewall', async () => {
    await assert.rejects(NetworkNemesis.start(), /not in a network namespace/);
});
//# sourceMappingURL=own-addresses.test.js.map