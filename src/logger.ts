/** One pino logger for the process; its level comes from config at start. */
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  // Written synchronously: each line is out before the next statement runs, so nothing is lost when the
  // process exits or crashes. pino's default (asynchronous) stream instead flushes at exit, and when
  // stdout's reader has gone (a supervisor that stopped us and quit) that flush retries the broken pipe
  // forever (sonic-boom 4.2), so a stopped bot never exited.
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: 1, sync: true }));
}
