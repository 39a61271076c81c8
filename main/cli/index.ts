import { exitQuietlyOnBrokenPipe } from './broken-pipe';
import { runCli } from './run';

// The only place that touches the real process: everything else takes the io it is given.
exitQuietlyOnBrokenPipe(process.stdout, (code) => process.exit(code));
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
