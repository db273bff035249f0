/**
 * The ServiceInstance document, without a server: what we write is what Curator's
 * JsonInstanceSerializer writes (field names and order, Jackson's type info on the payload),
 * and what Curator writes (copied from Debian's curator-x-discovery 5.4.0) reads back with its
 * fields. Curator's own reading of ours is in curator-interop.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInstance, parseInstance, parseUriSpec, serializeInstance, } from '../../src/recipes/discovery/service-instance.js';
test('our document has Curator’s fields in Curator’s order, and the payload’s type info', () => {
    const i = buildInstance({
        name: 'api',
        id: 'i1',
        address: '10.0.0.1',
        port: 8080,
        payload: { zone: 'eu', n: 3 },
        uriSpec: '{scheme}://{address}:{port}/x',
    }, 1_700_000_000_000);
    const doc = JSON.parse(serializeInstance(i).toString());
    assert.deepEqual(Object.keys(doc), [
        'name',
        'id',
        'address',
        'port',
        'sslPort',
        'payload',
        'registrationTimeUTC',
        'serviceType',
        'uriSpec',
        'enabled',
    ]);
    assert.deepEqual(doc.payload, { '@class': 'java.util.LinkedHashMap', zone: 'eu', n: 3 });
    assert.equal(doc.sslPort, null);
    assert.equal(doc.serviceType, 'DYNAMIC');
    assert.equal(doc.registrationTimeUTC, 1_700_000_000_000);
    assert.deepEqual(doc.uriSpec.parts.slice(0, 2), [
        { value: 'scheme', variable: true },
        { value: '://', variable: false },
    ]);
    const list = JSON.parse(serializeInstance(buildInstance({ name: 'a', address: 'h', payload: [1, 2] })).toString());
    assert.deepEqual(list.payload, ['java.util.ArrayList', [1, 2]], 'a list as Jackson wraps it');
    const named = buildInstance({
        name: 'a',
        address: 'h',
        payload: { x: 1 },
        payloadClass: 'com.example.Details',
    });
    assert.equal(JSON.parse(serializeInstance(named).toString()).payload['@class'], 'com.example.Details');
    for (const p of ['s', 42, true, null])
        assert.equal(JSON.parse(serializeInstance(buildInstance({ name: 'a', address: 'h', payload: p })).toString())
            .payload, p);
});
test('Curator’s documents read back with their fields (Map, POJO, list, string payloads)', () => {
    const curator = [
        '{"name":"api","id":"id-1","address":"10.0.0.1","port":8080,"sslPort":null,"payload":null,"registrationTimeUTC":1796176534749,"serviceType":"DYNAMIC","uriSpec":{"parts":[{"value":"scheme","variable":true},{"value":"://","variable":false}]}}',
        '{"name":"api","id":"id-2","address":"h","port":null,"sslPort":8443,"payload":{"@class":"java.util.HashMap","zone":"eu","n":3},"registrationTimeUTC":1796176536906,"serviceType":"STATIC","uriSpec":null}',
        '{"name":"api","id":"id-4","address":"h","port":1,"sslPort":null,"payload":{"@class":"Probe$Pojo","zone":"eu","weight":3},"registrationTimeUTC":1796176537027,"serviceType":"DYNAMIC","uriSpec":null}',
        '{"name":"api","id":"id-5","address":"h","port":1,"sslPort":null,"payload":["java.util.Arrays$ArrayList",[1,2]],"registrationTimeUTC":1796176537060,"serviceType":"DYNAMIC","uriSpec":null}',
        '{"name":"api","id":"id-3","address":"h","port":1,"sslPort":null,"payload":"hello","registrationTimeUTC":1796176536985,"serviceType":"DYNAMIC","uriSpec":null,"enabled":false,"unknown":1}',
    ].map((s) => parseInstance(Buffer.from(s)));
    for (const i of curator)
        assert.ok(!('invalid' in i), JSON.stringify(i));
    const [a, b, c, d, e] = curator;
    assert.equal(a.port, 8080);
    assert.equal(a.enabled, true, 'no enabled field (Debian’s 5.4.0 writes none): enabled, as Curator reads it');
    assert.deepEqual(a.uriSpec, parseUriSpec('{scheme}://'));
    assert.deepEqual(b.payload, { zone: 'eu', n: 3 });
    assert.equal(b.payloadClass, 'java.util.HashMap');
    assert.equal(b.serviceType, 'STATIC');
    assert.equal(b.sslPort, 8443);
    assert.deepEqual(c.payload, { zone: 'eu', weight: 3 });
    assert.equal(c.payloadClass, 'Probe$Pojo');
    assert.deepEqual(d.payload, [1, 2]);
    assert.equal(e.payload, 'hello');
    assert.equal(e.enabled, false);
    // Ours reads back as written.
    const ours = buildInstance({ name: 'api', id: 'x', address: 'h', port: 1, payload: { a: [1, { b: 2 }] } });
    assert.deepEqual(parseInstance(serializeInstance(ours)), {
        ...ours,
        payloadClass: 'java.util.LinkedHashMap',
    });
});
test('what is not a discovery document says why, and never throws', () => {
    for (const [data, why] of [
        [undefined, /no data/],
        ['', /no data/],
        ['not json', /not JSON/],
        ['[1]', /not a JSON object/],
        ['{"id":"x"}', /no name/],
        ['{"name":"a","id":"x","port":"80"}', /port is "80"/],
        ['{"name":"a","id":"x","serviceType":"NOPE"}', /serviceType/],
        ['{"name":"a","id":"x","uriSpec":{"parts":[1]}}', /uriSpec/],
        ['\u0000\u0001', /not JSON/],
    ]) {
        const r = parseInstance(data === undefined ? undefined : Buffer.from(data));
        assert.ok('invalid' in r && why.test(r.invalid), `${data}: ${JSON.stringify(r)}`);
    }
});
test('bad input is refused at once with the bad value named', () => {
    const ok = { name: 'api', address: 'h' };
    const cases = [
        [null, /instance must be an object, got null/, TypeError],
        [{ address: 'h' }, /service name must be a string, got undefined/, TypeError],
        [{ ...ok, name: 'a/b' }, /invalid service name "a\/b": it contains '\/'/, TypeError],
        [{ ...ok, name: '..' }, /invalid service name "\.\.": .*relative segment/, TypeError],
        [{ ...ok, name: '' }, /invalid service name "": it is empty/, TypeError],
        [{ ...ok, id: 'x\u0001' }, /invalid instance id .*control/, TypeError],
        [{ ...ok, id: 5 }, /instance id must be a string, got 5/, TypeError],
        [{ name: 'api' }, /address must be a non-empty string, got undefined/, TypeError],
        [{ ...ok, address: '' }, /address must be a non-empty string, got ""/, TypeError],
        [{ ...ok, port: 70000 }, /port must be an integer from 0 to 65535 \(or null\), got 70000/, RangeError],
        [{ ...ok, port: -1 }, /port must be .* got -1/, RangeError],
        [{ ...ok, sslPort: 1.5 }, /sslPort must be .* got 1.5/, RangeError],
        [{ ...ok, port: '80' }, /port must be .* got "80"/, RangeError],
        [
            { ...ok, serviceType: 'X' },
            /serviceType must be one of DYNAMIC, STATIC, PERMANENT, DYNAMIC_SEQUENTIAL, got "X"/,
            RangeError,
        ],
        [{ ...ok, serviceType: 'DYNAMIC_SEQUENTIAL' }, /cannot be registered here/, RangeError],
        [{ ...ok, payload: { f: () => 1 } }, /payload\.f is not JSON-serializable: a function/, TypeError],
        [{ ...ok, payload: { n: 10n } }, /payload\.n is not JSON-serializable: a bigint/, TypeError],
        [{ ...ok, payload: [1, Number.NaN] }, /payload\[1\] is not JSON-serializable: NaN/, TypeError],
        [
            { ...ok, payload: { d: new Date(0) } },
            /payload\.d is not JSON-serializable: \[object Date\] is not a plain object/,
            TypeError,
        ],
        [{ ...ok, payload: { '@class': 'x' } }, /must not have an '@class' key/, TypeError],
        [
            { ...ok, payloadClass: 'not a class' },
            /payloadClass must be a Java class name, got "not a class"/,
            TypeError,
        ],
        [{ ...ok, uriSpec: '{scheme' }, /invalid uriSpec "\{scheme": unbalanced braces/, TypeError],
        [{ ...ok, enabled: 'yes' }, /enabled must be a boolean, got "yes"/, TypeError],
    ];
    for (const [input, message, type] of cases)
        assert.throws(() => buildInstance(input), (e) => e instanceof type && message.test(e.message), JSON.stringify(input, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
    const cyclic = {};
    cyclic['self'] = cyclic;
    assert.throws(() => buildInstance({ ...ok, payload: cyclic }), /payload\.self is not JSON-serializable: it refers to itself/);
});
//# sourceMappingURL=codec.test.js.map