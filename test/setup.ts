/**
 * Test-run setup: the outside world is off-limits. Any socket to a host that is not loopback fails
 * the test that opened it, so a test can only pass against our own fakes on 127.0.0.1 / ::1.
 */
import net from 'node:net';

const loopback = (host: string | undefined): boolean =>
  host === undefined || host === 'localhost' || host === '::1' || host.startsWith('127.') || host.startsWith('/');

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string; port?: number } | number | string;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null) host = first.path ? '/' : first.host;
  else if (typeof first === 'number') host = typeof args[1] === 'string' ? (args[1] as string) : undefined;
  else if (typeof first === 'string') host = '/';
  if (!loopback(host)) {
    throw new Error(`network use outside loopback is not allowed in tests (tried ${String(host)})`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

process.env.LOG_LEVEL ??= 'silent';
