/**
 * Command-line parsing for `zk-recipes`: pure functions, no I/O, so they can be unit tested.
 * Every mistake becomes a UsageError whose message names the bad value (exit code 64).
 */
import { parseArgs } from 'node:util';
import { parseConnectString } from '../client/connect-string.js';
import { validatePath } from '../client/paths.js';
import { validateLockName } from '../recipes/locks/lock-options.js';
/** Exit codes (sysexits.h where one fits). The command's own exit code passes through otherwise. */
export const EXIT = {
    OK: 0,
    /** zk-recipes itself failed (a ZooKeeper error other than the ones below). */
    ERROR: 1,
    /** EX_USAGE: bad flags, missing name or command, bad duration. */
    USAGE: 64,
    /** EX_UNAVAILABLE: no ZooKeeper server answered. */
    UNAVAILABLE: 69,
    /** EX_SOFTWARE: the lock was lost while the command ran; the command was terminated. */
    LOCK_LOST: 70,
    /** EX_TEMPFAIL: the lock was not acquired within --timeout. */
    TIMEOUT: 75,
    /** As in shells: the command exists but cannot be executed. */
    CANNOT_EXECUTE: 126,
    /** As in shells: the command was not found. */
    NOT_FOUND: 127,
};
export class UsageError extends Error {
    name = 'UsageError';
}
export const DEFAULT_CONNECT = '127.0.0.1:2181';
export const DEFAULT_ROOT = '/locks';
/** ZkLeaderElection's default root. */
export const DEFAULT_ELECTION_ROOT = '/elections';
/** ZkSemaphore's default root. */
export const DEFAULT_SEMAPHORE_ROOT = '/semaphores';
export const DEFAULT_TIMEOUT = 30_000;
export const DEFAULT_GRACE = 5_000;
/** The library's timers keep any duration up to this (src/client/timers.ts). */
export const MAX_DURATION = Number.MAX_SAFE_INTEGER;
/**
 * Parses a duration into ms: `500ms`, `30s`, `5m`, `1h`, or a plain number of seconds
 * (decimals allowed). `what` names the option in the error message.
 */
export function parseDuration(text, what, opts = {}) {
    if (opts.allowInfinite && /^(inf|infinity|forever)$/i.test(text))
        return Number.POSITIVE_INFINITY;
    const m = /^(\d+(?:\.\d+)?|\.\d+)(ms|s|m|h)?$/.exec(text);
    if (!m) {
        throw new UsageError(`${what}: invalid duration ${JSON.stringify(text)} (use e.g. 500ms, 30s, 5m, 1h, or a number of seconds)`);
    }
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's')];
    const ms = Math.round(Number(m[1]) * factor);
    if (ms === 0 && !opts.allowZero) {
        throw new UsageError(`${what}: duration ${JSON.stringify(text)} must be greater than zero`);
    }
    if (ms > MAX_DURATION) {
        throw new UsageError(`${what}: duration ${JSON.stringify(text)} is too long (at most ${MAX_DURATION} ms)`);
    }
    return ms;
}
const CONNECT_OPTIONS = {
    connect: { type: 'string', short: 'c' },
    root: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
};
const LOCK_OPTIONS = {
    ...CONNECT_OPTIONS,
    timeout: { type: 'string', short: 't' },
    shared: { type: 'boolean', short: 's' },
    lease: { type: 'string' },
    grace: { type: 'string' },
    identifier: { type: 'string' },
};
const LEADER_OPTIONS = {
    ...CONNECT_OPTIONS,
    timeout: { type: 'string', short: 't' },
    grace: { type: 'string' },
    identifier: { type: 'string' },
};
const SEMAPHORE_OPTIONS = {
    ...LEADER_OPTIONS,
    max: { type: 'string', short: 'm' },
};
const HOLDERS_OPTIONS = {
    ...CONNECT_OPTIONS,
    json: { type: 'boolean' },
    election: { type: 'boolean' },
    semaphore: { type: 'boolean' },
    max: { type: 'string', short: 'm' },
};
/** Parses `argv` (without node and the script); `env` supplies ZK_CONNECT. Throws UsageError. */
export function parseCommandLine(argv, env = {}) {
    const [sub, ...rest] = argv;
    switch (sub) {
        case undefined:
            throw new UsageError('missing command: lock, leader, semaphore or holders');
        case '-h':
        case '--help':
        case 'help':
            return { kind: 'help', topic: undefined };
        case '-V':
        case '--version':
        case 'version':
            return { kind: 'version' };
        case 'lock':
            return parseLock(rest, env);
        case 'leader':
            return parseLeader(rest, env);
        case 'semaphore':
            return parseSemaphore(rest, env);
        case 'holders':
            return parseHolders(rest, env);
        default:
            throw new UsageError(sub.startsWith('-')
                ? `unknown option ${quote(sub)}; the command (lock, leader, semaphore or holders) comes first`
                : `unknown command ${quote(sub)} (expected lock, leader, semaphore or holders)`);
    }
}
/** --timeout: a duration, 0 or infinite; absent, `absent`. Undefined means no limit. */
function waitTimeout(value, absent) {
    const t = value === undefined
        ? absent
        : parseDuration(value, '--timeout', { allowZero: true, allowInfinite: true });
    return Number.isFinite(t) ? t : undefined;
}
function parseLock(args, env) {
    const { values, before, after, terminated } = parse('lock', args, LOCK_OPTIONS);
    if (values.help)
        return { kind: 'help', topic: 'lock' };
    const name = lockName('lock', before);
    commandAfterName('lock', name, before, after, terminated);
    const timeout = waitTimeout(values.timeout, DEFAULT_TIMEOUT);
    return {
        kind: 'lock',
        name,
        connect: connectString(values.connect, env),
        root: root(values.root),
        timeout,
        lease: values.lease === undefined ? undefined : parseDuration(values.lease, '--lease'),
        grace: values.grace === undefined
            ? DEFAULT_GRACE
            : parseDuration(values.grace, '--grace', { allowZero: true }),
        shared: values.shared ?? false,
        identifier: values.identifier,
        command: after,
    };
}
/** The command after `--`, with nothing between the name and `--`. */
function commandAfterName(command, name, before, after, terminated) {
    if (before.length > 1) {
        throw new UsageError(terminated
            ? `${command}: unexpected argument ${quote(before[1])} before '--'`
            : `${command}: put the command after '--', as in: zk-recipes ${command} ${name} -- ${before.slice(1).join(' ')}`);
    }
    if (!terminated)
        throw new UsageError(`${command}: missing command: zk-recipes ${command} ${name} -- <command...>`);
    if (after.length === 0)
        throw new UsageError(`${command}: missing command after '--'`);
    if (after[0] === '')
        throw new UsageError(`${command}: the command must not be an empty string`);
}
function parseLeader(args, env) {
    const { values, before, after, terminated } = parse('leader', args, LEADER_OPTIONS);
    if (values.help)
        return { kind: 'help', topic: 'leader' };
    const name = lockName('leader', before, 'election name');
    commandAfterName('leader', name, before, after, terminated);
    const timeout = waitTimeout(values.timeout, Number.POSITIVE_INFINITY);
    return {
        kind: 'leader',
        name,
        connect: connectString(values.connect, env),
        root: root(values.root, DEFAULT_ELECTION_ROOT),
        timeout,
        grace: values.grace === undefined
            ? DEFAULT_GRACE
            : parseDuration(values.grace, '--grace', { allowZero: true }),
        identifier: values.identifier,
        command: after,
    };
}
function parseSemaphore(args, env) {
    const { values, before, after, terminated } = parse('semaphore', args, SEMAPHORE_OPTIONS);
    if (values.help)
        return { kind: 'help', topic: 'semaphore' };
    const name = lockName('semaphore', before, 'semaphore name');
    commandAfterName('semaphore', name, before, after, terminated);
    if (values.max === undefined)
        throw new UsageError('semaphore: missing --max <n>, the most holders at once');
    const timeout = waitTimeout(values.timeout, DEFAULT_TIMEOUT);
    return {
        kind: 'semaphore',
        name,
        connect: connectString(values.connect, env),
        root: root(values.root, DEFAULT_SEMAPHORE_ROOT),
        max: parseMax('semaphore', values.max),
        timeout,
        grace: values.grace === undefined
            ? DEFAULT_GRACE
            : parseDuration(values.grace, '--grace', { allowZero: true }),
        identifier: values.identifier,
        command: after,
    };
}
/** --max: a positive integer, at most ZooKeeper's int (a shared count is 4 bytes). */
function parseMax(command, text) {
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(n >= 1 && n <= 2 ** 31 - 1)) {
        throw new UsageError(`${command}: --max must be a positive integer, got ${quote(text)}`);
    }
    return n;
}
function parseHolders(args, env) {
    const { values, before, after, terminated } = parse('holders', args, HOLDERS_OPTIONS);
    if (values.help)
        return { kind: 'help', topic: 'holders' };
    const all = [...before, ...after]; // `holders -- -odd-name` is allowed
    const name = lockName('holders', all);
    if (all.length > 1)
        throw new UsageError(`holders: unexpected argument ${quote(all[1])}`);
    void terminated;
    if (values.election && values.semaphore) {
        throw new UsageError('holders: --election and --semaphore exclude each other');
    }
    if (values.max !== undefined && !values.semaphore) {
        throw new UsageError('holders: --max goes with --semaphore');
    }
    const fallbackRoot = values.election
        ? DEFAULT_ELECTION_ROOT
        : values.semaphore
            ? DEFAULT_SEMAPHORE_ROOT
            : DEFAULT_ROOT;
    return {
        kind: 'holders',
        name,
        connect: connectString(values.connect, env),
        root: root(values.root, fallbackRoot),
        json: values.json ?? false,
        ...(values.semaphore
            ? { semaphore: { max: values.max === undefined ? undefined : parseMax('holders', values.max) } }
            : {}),
    };
}
/** node:util parseArgs, with its errors reworded and the positionals split at `--`. */
function parse(command, args, options) {
    let parsed;
    try {
        parsed = parseArgs({ args: [...args], options, allowPositionals: true, tokens: true, strict: true });
    }
    catch (e) {
        throw new UsageError(`${command}: ${rewordParseError(e)}`);
    }
    const terminator = parsed.tokens.find((t) => t.kind === 'option-terminator');
    const before = [];
    const after = [];
    for (const t of parsed.tokens) {
        if (t.kind !== 'positional')
            continue;
        (terminator && t.index > terminator.index ? after : before).push(t.value);
    }
    return { values: parsed.values, before, after, terminated: terminator !== undefined };
}
function rewordParseError(e) {
    const firstLine = e.message.split('\n')[0];
    // parseArgs quotes the option as '--name', or as '-n, --name <value>' when a value is missing.
    const quoted = /'(-[^']*)'/.exec(firstLine)?.[1];
    const option = quoted
        ?.replace(/ <value>$/, '')
        .split(', ')
        .at(-1);
    switch (e.code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
            return `unknown option ${quote(option ?? firstLine)}`;
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
            if (/does not take an argument/.test(firstLine))
                return `option ${quote(option ?? '')} takes no value`;
            return `option ${quote(option ?? '')} needs a value`;
        default:
            return firstLine;
    }
}
function lockName(command, positionals, what = 'lock name') {
    const name = positionals[0];
    if (name === undefined)
        throw new UsageError(`${command}: missing ${what}`);
    try {
        validateLockName(name, what);
    }
    catch (e) {
        throw new UsageError(`${command}: ${e.message}`);
    }
    return name;
}
function connectString(flag, env) {
    const fromEnv = env['ZK_CONNECT'];
    const [value, source] = flag !== undefined
        ? [flag, '--connect']
        : fromEnv !== undefined && fromEnv !== ''
            ? [fromEnv, 'ZK_CONNECT']
            : [DEFAULT_CONNECT, 'default'];
    try {
        parseConnectString(value);
    }
    catch (e) {
        throw new UsageError(`${source}: ${e.message}`);
    }
    return value;
}
function root(flag, fallback = DEFAULT_ROOT) {
    if (flag === undefined)
        return fallback;
    try {
        validatePath(flag, '--root');
    }
    catch (e) {
        throw new UsageError(e.message);
    }
    return flag;
}
function quote(s) {
    return JSON.stringify(s);
}
/** A duration for messages: 1500 → '1.5s', 300000 → '5m'. */
export function formatDuration(ms) {
    if (ms % 3_600_000 === 0 && ms > 0)
        return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0 && ms > 0)
        return `${ms / 60_000}m`;
    if (ms >= 1000)
        return `${Math.round(ms / 100) / 10}s`;
    return `${ms}ms`;
}
//# sourceMappingURL=args.js.map