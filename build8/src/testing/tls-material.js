/**
 * Certificates for tests of TLS (ZkTestServer's `tls` option): a CA of its own per run, a server
 * certificate for 127.0.0.1 and localhost, a client certificate, and the server's PKCS12 keystore
 * and truststore. Made with openssl and the JDK's keytool; nothing is downloaded or kept.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
/** The subject of the client certificate, as the server reports it (whoAmI: scheme x509). */
export const TEST_CLIENT_SUBJECT = 'CN=zk-recipes-test-client';
/** openssl or keytool is not there: the message says what to install. */
export class TlsToolsMissingError extends Error {
    /** 'TlsToolsMissingError' */
    name = 'TlsToolsMissingError';
}
const OPENSSL_CNF = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical,CA:true
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1,DNS:localhost
authorityKeyIdentifier = keyid
[client]
basicConstraints = CA:false
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
`;
/**
 * The openssl and keytool to use, or why there are none. keytool is looked for beside `java`
 * (the JDK of the server) first, then on PATH.
 */
export function findTlsTools(java) {
    const openssl = onPath('openssl');
    if (!openssl)
        return {
            missing: 'openssl not found on PATH (needed to make test certificates): apt-get install -y openssl',
        };
    let keytool;
    if (java) {
        try {
            const beside = path.join(path.dirname(realpathSync(java)), 'keytool');
            if (existsSync(beside))
                keytool = beside;
        }
        catch { }
    }
    keytool ??= onPath('keytool');
    if (!keytool) {
        return {
            missing: 'keytool not found beside java nor on PATH (needed for the server truststore): install a full JDK/JRE, e.g. apt-get install -y openjdk-17-jre-headless',
        };
    }
    return { openssl, keytool };
}
function onPath(name) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        if (dir && existsSync(path.join(dir, name)))
            return path.join(dir, name);
    }
    return undefined;
}
/**
 * Makes a fresh CA, server and client certificates and the server's stores in `dir` (made if
 * absent; the caller removes it). Throws TlsToolsMissingError when openssl or keytool is missing.
 */
export async function generateTlsMaterial(dir, java) {
    const tools = findTlsTools(java);
    if ('missing' in tools)
        throw new TlsToolsMissingError(`TLS test material: ${tools.missing}`);
    const { openssl, keytool } = tools;
    const run = (cmd, args) => exec(cmd, args, dir);
    const file = (name) => path.join(dir, name);
    const password = randomBytes(12).toString('hex');
    await mkdir(dir, { recursive: true });
    await writeFile(file('openssl.cnf'), OPENSSL_CNF);
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    const cfg = ['-config', 'openssl.cnf'];
    await run(openssl, ['req', '-x509', ...cfg, '-extensions', 'ca', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt'].concat([
        '-days',
        '30',
        '-subj',
        `/CN=zk-recipes test CA ${password.slice(0, 8)}`,
    ]));
    for (const [name, subject] of [
        ['server', '/CN=localhost'],
        ['client', `/${TEST_CLIENT_SUBJECT}`],
    ]) {
        await run(openssl, [
            'req',
            '-new',
            ...cfg,
            ...ec,
            '-keyout',
            `${name}.key`,
            '-out',
            `${name}.csr`,
            '-subj',
            subject,
        ]);
        const serial = `0x${randomBytes(8).toString('hex')}`;
        await run(openssl, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key']
            .concat(['-set_serial', serial, '-days', '30', '-extfile', 'openssl.cnf', '-extensions', name])
            .concat(['-out', `${name}.crt`]));
    }
    const pass = `pass:${password}`;
    await run(openssl, ['pkcs12', '-export', '-in', 'server.crt', '-inkey', 'server.key', '-certfile', 'ca.crt'].concat([
        '-name',
        'server',
        '-out',
        'keystore.p12',
        '-passout',
        pass,
    ]));
    await run(keytool, ['-importcert', '-noprompt', '-alias', 'ca', '-file', 'ca.crt', '-keystore', 'truststore.p12'].concat([
        '-storetype',
        'PKCS12',
        '-storepass',
        password,
    ]));
    return {
        dir,
        keyStore: file('keystore.p12'),
        trustStore: file('truststore.p12'),
        password,
        clientTls: {
            ca: readFileSync(file('ca.crt')),
            cert: readFileSync(file('client.crt')),
            key: readFileSync(file('client.key')),
        },
    };
}
/** What a server's JVM needs to serve TLS with `m` (nothing to add without it). */
export function serverTlsLaunch(m, classpath) {
    if (!m)
        return { jvmArgs: [], classpath };
    return { jvmArgs: serverTlsJvmArgs(m), classpath: serverTlsClasspath(classpath) };
}
/** The JVM system properties that make a ZooKeeper server serve TLS on its secureClientPort. */
function serverTlsJvmArgs(m) {
    return [
        '-Dzookeeper.serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory',
        `-Dzookeeper.ssl.keyStore.location=${m.keyStore}`,
        `-Dzookeeper.ssl.keyStore.password=${m.password}`,
        '-Dzookeeper.ssl.keyStore.type=PKCS12',
        `-Dzookeeper.ssl.trustStore.location=${m.trustStore}`,
        `-Dzookeeper.ssl.trustStore.password=${m.password}`,
        '-Dzookeeper.ssl.trustStore.type=PKCS12',
        '-Dzookeeper.ssl.clientAuth=need',
    ];
}
/**
 * The server's classpath for TLS: Debian's zookeeper.jar names only some of the Netty jars its
 * NettyServerCnxnFactory loads (netty-codec and netty-resolver are missing): they are added
 * from the same directory when the classpath comes from there.
 */
function serverTlsClasspath(classpath) {
    const parts = classpath.split(path.delimiter);
    const osJar = parts.find((p) => /\/zookeeper\.jar$/.test(p));
    if (!osJar)
        return classpath;
    const extra = NETTY_JARS.map((j) => path.join(path.dirname(osJar), j)).filter((j) => !parts.includes(j) && existsSync(j));
    return [...parts, ...extra].join(path.delimiter);
}
const NETTY_JARS = [
    'netty-buffer.jar',
    'netty-codec.jar',
    'netty-common.jar',
    'netty-handler.jar',
    'netty-resolver.jar',
    'netty-transport.jar',
    'netty-transport-native-unix-common.jar',
];
function exec(cmd, args, cwd) {
    return new Promise((resolve, reject) => {
        execFile(cmd, args, { cwd, timeout: 30_000 }, (err, _stdout, stderr) => {
            if (!err)
                return resolve();
            const what = `${path.basename(cmd)} ${args.slice(0, 2).join(' ')}`;
            reject(new Error(`TLS test material: ${what} failed: ${stderr.trim() || err.message}`, { cause: err }));
        });
    });
}
/** Whether openssl and keytool are here; the reason they are not, otherwise (for a test's skip). */
export function tlsToolsMissing(java) {
    const tools = findTlsTools(java);
    return 'missing' in tools ? tools.missing : undefined;
}
//# sourceMappingURL=tls-material.js.map