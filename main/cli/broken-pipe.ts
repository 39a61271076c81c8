/**
 * `liaison indicators list --json | head -1`: when the reader closes the pipe early, Node reports EPIPE as an
 * 'error' event on stdout, which, with no listener, crashes the CLI with a stack trace on stderr and exit code
 * 1 although nothing went wrong. The reader chose to stop reading, so the CLI stops too, quietly, with exit
 * code 0 (as ripgrep and fd do). Any other write error still surfaces as before.
 */
export function exitQuietlyOnBrokenPipe(stream: NodeJS.EventEmitter, exit: (code: number) => void): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    exit(0);
  });
}
