/**
 * Outside production `npm start` also starts the national portal simulator (simulators/dvcqg)
 * on loopback as a child process, unless a real adapter is configured (DVCQG_BASE_URL), and
 * points the sync at it: a newcomer sees dossiers synced on /quan-tri/dong-bo-dvcqg after
 * `npm ci && npm start`. The simulator accepts the development adapter account (the defaults of
 * DVCQG_USERNAME / DVCQG_PASSWORD) and publishes the bundled catalogue. The app reaches it over
 * HTTP only, as it would a real adapter.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from './platform/config/config.js';

export interface StartedPortalSimulator {
  env: Record<string, string>;
  url: string;
  stop(): void;
}

export async function startPortalSimulator(config: Config): Promise<StartedPortalSimulator | null> {
  if (!config.dvcqgSimulator || config.nodeEnv === 'production' || config.dvcqgBaseUrl) return null;
  const root = path.resolve(import.meta.dirname, '..');
  const child: ChildProcess = spawn(process.execPath, [
    '--import', 'tsx', 'simulators/dvcqg/server.ts', '--port', process.env.SIM_DVCQG_PORT ?? '0', '--host', '127.0.0.1',
    '--username', config.dvcqgUsername, '--password', config.dvcqgPassword,
  ], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (l) => { if (/listening on/.test(l)) resolve(l); });
    child.once('exit', (code) => reject(new Error(`national portal simulator exited with ${code}`)));
  });
  const url = /listening on (http:\/\/\S+)/.exec(line)![1]!;
  const env: Record<string, string> = { DVCQG_BASE_URL: `${url}/XrdAdapter/RestService/forward` };
  // Files of dossiers "filed on the portal" are served by the simulator.
  if (config.dvcqgFileHosts.length === 0) env.DVCQG_FILE_HOSTS = new URL(url).host;
  return { env, url, stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); } };
}
