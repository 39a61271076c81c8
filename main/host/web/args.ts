import { parseArgs } from 'node:util';

export interface HostArgs {
  port: number;
  vault: string | undefined;
  json: boolean;
}

export const USAGE = 'Usage: web-host [--port N] [--vault PATH] [--json]';

/** Parses the host's command line; throws with a usage line on anything unexpected. */
export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      vault: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid --port. ${USAGE}`);
  if (values.vault === '') throw new Error(`Empty --vault. ${USAGE}`);
  return { port, vault: values.vault, json: values.json ?? false };
}
