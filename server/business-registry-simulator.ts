/**
 * Outside production `npm start` also starts the business registration portal simulator
 * (simulators/business-registry) on loopback as a child process, unless a real service is
 * configured (BUSINESS_REGISTRY_URL), and points the lookup at it: a newcomer typing the demo tax
 * code 0100109106 in an e-form sees the company's name and address filled after `npm ci && npm start`.
 * The app reaches it over HTTP only, as it would the real portal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Config } from './platform/config/config.js';

export interface StartedRegistrySimulator {
  env: Record<string, string>;
  stop(): void;
}

export async function startBusinessRegistrySimulator(config: Config): Promise<StartedRegistrySimulator | null> {
  if (!config.businessRegistrySimulator || config.nodeEnv === 'production' || config.businessRegistryUrl) return null;
  const root = path.resolve(import.meta.dirname, '..');
  const child: ChildProcess = spawn(process.execPath, [
    '--import', 'tsx', 'simulators/business-registry/server.ts', '--port', process.env.SIM_BUSINESS_REGISTRY_PORT ?? '0', '--host', '127.0.0.1',
    ...(config.businessRegistryApiKey ? ['--api-key', config.businessRegistryApiKey] : []),
  ], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (l) => { if (/listening on/.test(l)) resolve(l); });
    child.once('exit', (code) => reject(new Error(`business registry simulator exited with ${code}`)));
  });
  const url = /listening on (http:\/\/\S+)/.exec(line)![1]!;
  return { env: { BUSINESS_REGISTRY_URL: url }, stop: () => { if (child.exitCode === null) child.kill('SIGTERM'); } };
}
