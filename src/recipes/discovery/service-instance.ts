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

/** Curator's ServiceType: DYNAMIC instances are ephemeral nodes, STATIC and PERMANENT persistent. */
export type ServiceType = 'DYNAMIC' | 'STATIC' | 'PERMANENT' | 'DYNAMIC_SEQUENTIAL';

/** A JSON value: what a payload may hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One part of Curator's UriSpec: literal text, or a `{variable}` to fill in. */
export interface UriSpecPart {
  readonly value: string;
  readonly variable: boolean;
}

/** A registered instance, as stored (Curator's ServiceInstance fields). */
export interface ServiceInstance {
  readonly name: string;
  readonly id: string;
  readonly address: string;
  readonly port: number | null;
  readonly sslPort: number | null;
  readonly payload: JsonValue;
  /** The Java class Jackson wrote for the payload (`@class`), when it wrote one. */
  readonly payloadClass?: string | undefined;
  /** ms since the epoch (UTC), set at registration. */
  readonly registrationTimeUTC: number;
  readonly serviceType: ServiceType;
  readonly uriSpec: { readonly parts: readonly UriSpecPart[] } | null;
  /** False keeps the instance registered but out of every provider's choice (Curator's too). */
  readonly enabled: boolean;
}

/** What register() takes: `name` and `address` are required, the rest have Curator's defaults. */
export interface ServiceInstanceInput {
  name: string;
  /** Default: a random UUID (as Curator's builder). A path segment: no '/', not '.' or '..'. */
  id?: string;
  address: string;
  port?: number | null;
  sslPort?: number | null;
  /** Any JSON value (default null). */
  payload?: JsonValue;
  /** The Java class a Curator reader should see for an object payload (default java.util.LinkedHashMap). */
  payloadClass?: string;
  /** Default: now. */
  registrationTimeUTC?: number;
  /** Default 'DYNAMIC' (an ephemeral node). 'DYNAMIC_SEQUENTIAL' is read but not registered. */
  serviceType?: ServiceType;
  /** A Curator UriSpec template such as '{scheme}://{address}:{port}/api', or its parts (as read). */
  uriSpec?: string | { readonly parts: readonly UriSpecPart[] } | null;
  /** Default true. */
  enabled?: boolean;
}

const SERVICE_TYPES: readonly ServiceType[] = ['DYNAMIC', 'STATIC', 'PERMANENT', 'DYNAMIC_SEQUENTIAL'];
const DEFAULT_OBJECT_CLASS = 'java.util.LinkedHashMap';
const DEFAULT_LIST_CLASS = 'java.util.ArrayList';
// A Java class name as Jackson's CLASS type id writes it (nested classes with '$').
const JAVA_CLASS = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/** Throws a TypeError naming the value when it cannot be one path segment (a service name or an id). */
export function checkSegment(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string, got ${describe(value)}`);
  const bad =
    value === '' ? 'it is empty' : value.includes('/') ? "it contains '/'" : pathProblem(`/${value}`);
  if (bad)
    throw new TypeError(`invalid ${what} ${JSON.stringify(value)}: ${bad} (it becomes a path segment)`);
  return value;
}

function checkPort(value: unknown, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 65535) return value;
  throw new RangeError(`${what} must be an integer from 0 to 65535 (or null), got ${describe(value)}`);
}

/** The checked instance with Curator's defaults filled in; throws naming the first bad field. */
export function buildInstance(input: unknown, now = Date.now()): ServiceInstance {
  if (input === null || typeof input !== 'object')
    throw new TypeError(`instance must be an object, got ${describe(input)}`);
  const i = input as ServiceInstanceInput;
  const name = checkSegment(i.name, 'service name');
  const id = i.id === undefined ? randomUUID() : checkSegment(i.id, 'instance id');
  if (typeof i.address !== 'string' || i.address === '')
    throw new TypeError(`address must be a non-empty string, got ${describe(i.address)}`);
  const serviceType = i.serviceType ?? 'DYNAMIC';
  if (!SERVICE_TYPES.includes(serviceType))
    throw new RangeError(
      `serviceType must be one of ${SERVICE_TYPES.join(', ')}, got ${describe(serviceType)}`,
    );
  if (serviceType === 'DYNAMIC_SEQUENTIAL')
    throw new RangeError(
      "serviceType 'DYNAMIC_SEQUENTIAL' cannot be registered here (its node name is not its id)",
    );
  const registrationTimeUTC = i.registrationTimeUTC ?? now;
  if (!Number.isSafeInteger(registrationTimeUTC) || registrationTimeUTC < 0)
    throw new RangeError(
      `registrationTimeUTC must be an integer >= 0 (ms), got ${describe(i.registrationTimeUTC)}`,
    );
  if (i.enabled !== undefined && typeof i.enabled !== 'boolean')
    throw new TypeError(`enabled must be a boolean, got ${describe(i.enabled)}`);
  if (
    i.payloadClass !== undefined &&
    (typeof i.payloadClass !== 'string' || !JAVA_CLASS.test(i.payloadClass))
  )
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
function checkJson(value: unknown, where: string, seen = new Set<object>()): JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new TypeError(`${where} is not JSON-serializable: ${value}`);
  }
  if (typeof value !== 'object') throw new TypeError(`${where} is not JSON-serializable: a ${typeof value}`);
  if (seen.has(value)) throw new TypeError(`${where} is not JSON-serializable: it refers to itself`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((v, n) => checkJson(v, `${where}[${n}]`, seen));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new TypeError(`${where} is not JSON-serializable: ${describe(value)} is not a plain object`);
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '@class') throw new TypeError(`${where} must not have an '@class' key (use payloadClass)`);
      out[k] = checkJson(v, `${where}.${k}`, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function checkUriSpec(spec: ServiceInstanceInput['uriSpec']): ServiceInstance['uriSpec'] {
  if (spec === undefined || spec === null) return null;
  if (typeof spec === 'string') return parseUriSpec(spec);
  const parts = readUriSpec(spec);
  if (!parts)
    throw new TypeError(
      `uriSpec must be a template string or {parts: [{value, variable}...]}, got ${describe(spec)}`,
    );
  return parts;
}

/** Curator's UriSpec: '{name}' parts are variables, the text between them literals. */
export function parseUriSpec(spec: unknown): { parts: UriSpecPart[] } {
  if (typeof spec !== 'string') throw new TypeError(`uriSpec must be a string, got ${describe(spec)}`);
  const parts: UriSpecPart[] = [];
  const re = /\{([^{}]*)\}|[^{}]+/g;
  let end = 0;
  for (let m = re.exec(spec); m; m = re.exec(spec)) {
    if (m.index !== end) break;
    end = re.lastIndex;
    parts.push(m[1] === undefined ? { value: m[0], variable: false } : { value: m[1], variable: true });
  }
  if (end !== spec.length) throw new TypeError(`invalid uriSpec ${JSON.stringify(spec)}: unbalanced braces`);
  return { parts };
}

/** The node's data: the JSON Curator's JsonInstanceSerializer writes (field order as Curator's). */
export function serializeInstance(instance: ServiceInstance): Buffer {
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

function typedPayload(payload: JsonValue, payloadClass: string | undefined): JsonValue {
  if (Array.isArray(payload)) return [payloadClass ?? DEFAULT_LIST_CLASS, payload];
  if (payload !== null && typeof payload === 'object')
    return { '@class': payloadClass ?? DEFAULT_OBJECT_CLASS, ...payload };
  return payload;
}

/**
 * The instance a node's data holds, or the reason it is not one (Curator's reader accepts
 * missing fields and ignores unknown ones; so does this). `name` and `id` are required, since
 * a provider's choice is useless without them.
 */
export function parseInstance(data: Buffer | undefined): ServiceInstance | { invalid: string } {
  if (!data || data.length === 0) return { invalid: 'the node has no data' };
  let doc: unknown;
  try {
    doc = JSON.parse(data.toString('utf8'));
  } catch (e) {
    return { invalid: `not JSON (${(e as Error).message})` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { invalid: 'not a JSON object' };
  const d = doc as Record<string, unknown>;
  const field = <T>(key: string, ok: (v: unknown) => boolean, fallback: T): T | { invalid: string } => {
    const v = d[key];
    if (v === undefined || v === null) return fallback;
    return ok(v) ? (v as T) : { invalid: `${key} is ${describe(v)}` };
  };
  const isString = (v: unknown) => typeof v === 'string';
  const isPort = (v: unknown) => Number.isInteger(v);
  const fields = {
    name: field<string | null>('name', isString, null),
    id: field<string | null>('id', isString, null),
    address: field<string>('address', isString, ''),
    port: field<number | null>('port', isPort, null),
    sslPort: field<number | null>('sslPort', isPort, null),
    registrationTimeUTC: field<number>('registrationTimeUTC', Number.isSafeInteger, 0),
    serviceType: field<ServiceType>(
      'serviceType',
      (v) => SERVICE_TYPES.includes(v as ServiceType),
      'DYNAMIC',
    ),
    enabled: field<boolean>('enabled', (v) => typeof v === 'boolean', true),
  };
  for (const v of Object.values(fields))
    if (v !== null && typeof v === 'object' && 'invalid' in v) return v as { invalid: string };
  const f = fields as { [K in keyof typeof fields]: Exclude<(typeof fields)[K], { invalid: string }> };
  if (f.name === null || f.id === null) return { invalid: 'it has no name or no id' };
  const uriSpec = readUriSpec(d['uriSpec']);
  if (uriSpec === undefined) return { invalid: 'uriSpec is not {"parts": [{value, variable}...]}' };
  const { payload, payloadClass } = untypedPayload((d['payload'] ?? null) as JsonValue);
  return { ...f, name: f.name, id: f.id, payload, payloadClass, uriSpec };
}

function untypedPayload(p: JsonValue): { payload: JsonValue; payloadClass?: string } {
  // Jackson writes a list as [class, [items]]; a bare list is not a payload Curator can read.
  if (Array.isArray(p)) {
    if (p.length === 2 && typeof p[0] === 'string') return { payload: p[1] as JsonValue, payloadClass: p[0] };
    return { payload: p };
  }
  if (p !== null && typeof p === 'object' && typeof p['@class'] === 'string') {
    const { '@class': cls, ...rest } = p;
    return { payload: rest, payloadClass: cls as string };
  }
  return { payload: p };
}

function readUriSpec(v: unknown): { parts: UriSpecPart[] } | null | undefined {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'object' || !Array.isArray((v as { parts?: unknown }).parts)) return undefined;
  const parts: UriSpecPart[] = [];
  for (const p of (v as { parts: unknown[] }).parts) {
    const { value, variable } = (p ?? {}) as { value?: unknown; variable?: unknown };
    if (typeof value !== 'string' || typeof variable !== 'boolean') return undefined;
    parts.push({ value, variable });
  }
  return { parts };
}
