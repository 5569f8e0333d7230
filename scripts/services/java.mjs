import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const JAVA = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';

// Kafka and ZooKeeper log through slf4j -> reload4j; everything goes to stdout,
// which spawnService sends to the service's log file.
const LOG4J_PROPERTIES = `log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
`;

/**
 * JVM arguments for running `mainClass` from the jar cache, logging configured by
 * a file written into `workDir`. The explicit heap and serial GC keep several JVMs
 * side by side affordable on a 2-core test machine (the default heap would be a
 * quarter of RAM each).
 * @param {string} mainClass
 * @param {string[]} args
 * @param {{ jarsDir: string, workDir: string, heap: string }} options
 * @returns {string[]}
 */
export function javaArgs(mainClass, args, { jarsDir, workDir, heap }) {
  const log4jFile = join(workDir, 'log4j.properties');
  writeFileSync(log4jFile, LOG4J_PROPERTIES);
  return [
    `-Xmx${heap}`,
    '-XX:+UseSerialGC',
    '-Djava.awt.headless=true',
    '-Djava.net.preferIPv4Stack=true',
    `-Dlog4j.configuration=file:${log4jFile}`,
    '-cp',
    join(jarsDir, '*'),
    mainClass,
    ...args,
  ];
}

/**
 * Writes a Java properties file (zoo.cfg, server.properties).
 * @param {string} file
 * @param {Record<string, string | number | boolean>} properties
 */
export function writeProperties(file, properties) {
  const lines = Object.entries(properties).map(([key, value]) => `${key}=${value}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}
