/** A child process of a test, its stdout lines, and a kill -9 that is proven; killed at the end of the file in any case. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { onCleanup } from '../helpers.js';

export interface Child {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** SIGKILLs it; resolves once it died of that signal. */
  kill9(): Promise<NodeJS.Signals | null>;
}

export function spawnLines(script: string, args: string[]): Child {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
  const kill9 = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return exited;
  };
  onCleanup(async () => {
    await kill9();
  });
  return { child, lines, kill9 };
}
