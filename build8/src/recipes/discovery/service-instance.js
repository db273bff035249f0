/**
 * One service instance as curator-x-discovery stores it: the JSON document of Curator's
 * ServiceInstance (written by its JsonInstanceSerializer, Jackson), checked at the edge.
 *
 * The payload carries Jackson's type information, because Curator's ServiceInstance declares it
 * with `@JsonTypeInfo(use = CLASS)`: an object payload is written `{"@class": "<java class>", ...}`,
 * a list `["<java class>", [...]]`; strings, numbers, booleans and null as they are. A Java reader
 * fails on a class it does not have, so objects name `java.util.LinkedHashMap` unless the caller
 * names its own class (`payloadClass`); a Java reader with `payloadClass = Map` or `Object`
 * accepts either.
 */
import { randomUUID } from 'node:crypto';
import { describe, pathProblem } from '../../client/paths.js';
const SERVICE_TYPES = ['DYNAMIC', 'STATIC', 'PERMANENT', 'DYNAMIC_SEQUENTIAL'];
const DEFAULT_OBJECT_CLASS = 'java.util.LinkedHashMap';
const DEFAULT_LIST_CLASS = 'java.util.ArrayList';
// A Java class name as Jackson's CLASS type id writes it (nested classes with '$').
const JAVA_CLASS = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;
/** Throws a TypeError naming the value when it cannot be one path segment (a service name or an id). */
export function checkSegment(value, what) {
    if (typeof value !== 'string')
        throw new TypeError(`${what} must be a string, got ${describe(value)}`);
    const bad = value === '' ? 'it is empty' : value.includes('/') ? "it contains '/'" : pathProblem(`/${value}`);
    if (bad)
        throw new TypeError(`invalid ${what} ${JSON.stringify(value)}: ${bad} (it becomes a path segment)`);
    return value;
}
function checkPort(value, what) {
    if (value === undefined || value === null)
        return null;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535)
        return value;
    throw new RangeError(`${what} must be an integer from 0 to 65535 (or null), got ${describe(value)}`);
}
/** The checked instance with Curator's defaults filled in; throws naming the first bad field. */
export function buildInstance(input, now = Date.now()) {
    if (input === null || typeof input !== 'object')
        throw new TypeError(`instance must be an object, got ${describe(input)}`);
    const i = input;
    const name = checkSegment(i.name, 'service name');
    const id = i.id === undefined ? randomUUID() : checkSegment(i.id, 'instance id');
    if (typeof i.address !== 'string' || i.address === '')
        throw new TypeError(`address must be a non-empty string, got ${describe(i.address)}`);
    const serviceType = i.serviceType ?? 'DYNAMIC';
    if (!SERVICE_TYPES.includes(serviceType))
        throw new RangeError(`serviceType must be one of ${SERVICE_TYPES.join(', ')}, got ${describe(serviceType)}`);
    if (serviceType === 'DYNAMIC_SEQUENTIAL')
        throw new RangeError("serviceType 'DYNAMIC_SEQUENTIAL' cannot be registered here (its node name is not its id)");
    const registrationTimeUTC = i.registrationTimeUTC ?? now;
    if (!Number.isSafeInteger(registrationTimeUTC) || registrationTimeUTC < 0)
        throw new RangeError(`registrationTimeUTC must be an integer >= 0 (ms), got ${describe(i.registrationTimeUTC)}`);
    if (i.enabled !== undefined && typeof i.enabled !== 'boolean')
        throw new TypeError(`enabled must be a boolean, got ${describe(i.enabled)}`);
    if (i.payloadClass !== undefined &&
        (typeof i.payloadClass !== 'string' || !JAVA_CLASS.test(i.payloadClass)))
        throw new TypeError(`payloadClass must be a Java class name, got ${describe(i.payloadClass)}`);
    const payload = i.payload === undefined ? null : checkJson(i.payload, 'payload');
    return {
        name,
        id,
        address: i.address,
        port: checkPort(i.port, 'port'),
        sslPort: checkPort(i.sslPort, 'sslPort'),
        payload,
        payloadClass: i.payloadClass,
        registrationTimeUTC,
        serviceType,
        uriSpec: checkUriSpec(i.uriSpec),
        enabled: i.enabled ?? true,
    };
}
/** A deep copy of `value` if it is plain JSON; otherwise a TypeError naming where it is not. */
function checkJson(value, where, seen = new Set()) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean')
        return value;
    if (typeof value === 'number') {
        if (Number.isFinite(value))
            return value;
        throw new TypeError(`${where} is not JSON-serializable: ${value}`);
    }
    if (typeof value !== 'object')
        throw new TypeError(`${where} is not JSON-serializable: a ${typeof value}`);
    if (seen.has(value))
        throw new TypeError(`${where} is not JSON-serializable: it refers to itself`);
    seen.add(value);
    try {
        if (Array.isArray(value))
            return value.map((v, n) => checkJson(v, `${where}[${n}]`, seen));
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null)
            throw new TypeError(`${where} is not JSON-serializable: ${describe(value)} is not a plain object`);
        const out = {};
        for (const [k, v] of Object.entries(value)) {
            if (k === '@class')
                throw new TypeError(`${where} must not have an '@class' key (use payloadClass)`);
            out[k] = checkJson(v, `${where}.${k}`, seen);
        }
        return out;
    }
    finally {
        seen.delete(value);
    }
}
function checkUriSpec(spec) {
    if (spec === undefined || spec === null)
        return null;
    if (typeof spec === 'string')
        return parseUriSpec(spec);
    const parts = readUriSpec(spec);
    if (!parts)
        throw new TypeError(`uriSpec must be a template string or {parts: [{value, variable}...]}, got ${describe(spec)}`);
    return parts;
}
/** Curator's UriSpec: '{name}' parts are variables, the text between them literals. */
export function parseUriSpec(spec) {
    if (typeof spec !== 'string')
        throw new TypeError(`uriSpec must be a string, got ${describe(spec)}`);
    const parts = [];
    const re = /\{([^{}]*)\}|[^{}]+/g;
    let end = 0;
    for (let m = re.exec(spec); m; m = re.exec(spec)) {
        if (m.index !== end)
            break;
        end = re.lastIndex;
        parts.push(m[1] === undefined ? { value: m[0], variable: false } : { value: m[1], variable: true });
    }
    if (end !== spec.length)
        throw new TypeError(`invalid uriSpec ${JSON.stringify(spec)}: unbalanced braces`);
    return { parts };
}
/** The node's data: the JSON Curator's JsonInstanceSerializer writes (field order as Curator's). */
export function serializeInstance(instance) {
    const doc = {
        name: instance.name,
        id: instance.id,
        address: instance.address,
        port: instance.port,
        sslPort: instance.sslPort,
        payload: typedPayload(instance.payload, instance.payloadClass),
        registrationTimeUTC: instance.registrationTimeUTC,
        serviceType: instance.serviceType,
        uriSpec: instance.uriSpec,
        enabled: instance.enabled,
    };
    return Buffer.from(JSON.stringify(doc), 'utf8');
}
function typedPayload(payload, payloadClass) {
    if (Array.isArray(payload))
        return [payloadClass ?? DEFAULT_LIST_CLASS, payload];
    if (payload !== null && typeof payload === 'object')
        return { '@class': payloadClass ?? DEFAULT_OBJECT_CLASS, ...payload };
    return payload;
}
/**
 * The instance a node's data holds, or the reason it is not one (Curator's reader accepts
 * missing fields and ignores unknown ones; so does this). `name` and `id` are required, since
 * a provider's choice is useless without them.
 */
export function parseInstance(data) {
    if (!data || data.length === 0)
        return { invalid: 'the node has no data' };
    let doc;
    try {
        doc = JSON.parse(data.toString('utf8'));
    }
    catch (e) {
        return { invalid: `not JSON (${e.message})` };
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
        return { invalid: 'not a JSON object' };
    const d = doc;
    const field = (key, ok, fallback) => {
        const v = d[key];
        if (v === undefined || v === null)
            return fallback;
        return ok(v) ? v : { invalid: `${key} is ${describe(v)}` };
    };
    const isString = (v) => typeof v === 'string';
    const isPort = (v) => Number.isInteger(v);
    const fields = {
        name: field('name', isString, null),
        id: field('id', isString, null),
        address: field('address', isString, ''),
        port: field('port', isPort, null),
        sslPort: field('sslPort', isPort, null),
        registrationTimeUTC: field('registrationTimeUTC', Number.isSafeInteger, 0),
        serviceType: field('serviceType', (v) => SERVICE_TYPES.includes(v), 'DYNAMIC'),
        enabled: field('enabled', (v) => typeof v === 'boolean', true),
    };
    for (const v of Object.values(fields))
        if (v !== null && typeof v === 'object' && 'invalid' in v)
            return v;
    const f = fields;
    if (f.name === null || f.id === null)
        return { invalid: 'it has no name or no id' };
    const uriSpec = readUriSpec(d['uriSpec']);
    if (uriSpec === undefined)
        return { invalid: 'uriSpec is not {"parts": [{value, variable}...]}' };
    const { payload, payloadClass } = untypedPayload((d['payload'] ?? null));
    return { ...f, name: f.name, id: f.id, payload, payloadClass, uriSpec };
}
function untypedPayload(p) {
    // Jackson writes a list as [class, [items]]; a bare list is not a payload Curator can read.
    if (Array.isArray(p)) {
        if (p.length === 2 && typeof p[0] === 'string')
            return { payload: p[1], payloadClass: p[0] };
        return { payload: p };
    }
    if (p !== null && typeof p === 'object' && typeof p['@class'] === 'string') {
        const { '@class': cls, ...rest } = p;
        return { payload: rest, payloadClass: cls };
    }
    return { payload: p };
}
function readUriSpec(v) {
    if (v === undefined || v === null)
        return null;
    if (typeof v !== 'object' || !Array.isArray(v.parts))
        return undefined;
    const parts = [];
    for (const p of v.parts) {
        const { value, variable } = (p ?? {});
        if (typeof value !== 'string' || typeof variable !== 'boolean')
            return undefined;
        parts.push({ value, variable });
    }
    return { parts };
}
//# sourceMappingURL=service-instance.js.map