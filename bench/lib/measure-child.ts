import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildMeasurement {
  seconds: number;
  rows: number;
  peakRssMb: number;
  detail?: Record<string, unknown>;
}

const CHILD = fileURLToPath(new URL('./child-task.ts', import.meta.url));

/**
 * Runs one measured task in a fresh Node process, so its peak RSS is its own and not the generator's
 * or an earlier task's.
 */
export function measureInChild(task: string, args: string[]): Promise<ChildMeasurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, task, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench task ${task} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildMeasurement);
    });
  });
}
