/** The logging configurations a test server's JVM is given, so its log lands in its own directory. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
/** JVM arguments: whichever slf4j binding is on the classpath writes to zookeeper.log in `dir`. */
export function logJvmArgs(dir) {
    return [
        `-Dorg.slf4j.simpleLogger.logFile=${path.join(dir, 'zookeeper.log')}`,
        '-Dorg.slf4j.simpleLogger.showDateTime=true',
        '-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS',
        `-Dlogback.configurationFile=${path.join(dir, 'logback.xml')}`,
        `-Dlog4j.configuration=file:${path.join(dir, 'log4j.properties')}`,
    ];
}
/** Configs for the other slf4j bindings a release may bring (logback, log4j 1.x / reload4j). */
export async function writeLogConfigs(dir) {
    const log = path.join(dir, 'zookeeper.log');
    const logback = '<configuration>\n' +
        '  <appender name="FILE" class="ch.qos.logback.core.FileAppender">\n' +
        `    <file>${escapeXml(log)}</file>\n` +
        '    <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger - %msg%n</pattern></encoder>\n' +
        '  </appender>\n' +
        '  <root level="INFO"><appender-ref ref="FILE"/></root>\n' +
        '</configuration>\n';
    const log4j = [
        'log4j.rootLogger=INFO, FILE',
        'log4j.appender.FILE=org.apache.log4j.FileAppender',
        `log4j.appender.FILE.File=${log.replaceAll('\\', '\\\\')}`,
        'log4j.appender.FILE.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.FILE.layout.ConversionPattern=%d{HH:mm:ss,SSS} [%t] %-5p %c - %m%n',
        '',
    ].join('\n');
    await Promise.all([
        writeFile(path.join(dir, 'logback.xml'), logback),
        writeFile(path.join(dir, 'log4j.properties'), log4j),
    ]);
}
function escapeXml(s) {
    return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
//# sourceMappingURL=log-configs.js.map