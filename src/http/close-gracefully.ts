/**
 * Stopping an HTTP server without dropping what it is doing: new connections are refused at once, each
 * request in flight gets its answer, and keep-alive connections are closed as soon as they fall idle
 * (Node would otherwise keep them until their keep-alive timeout). Whatever is still open after `graceMs`
 * is cut, so a hung request cannot outlast the platform's grace period.
 */
import type http from 'node:http';

/** Resolves once the server is closed; `cut` says whether the grace period ran out first. */
export async function closeGracefully(server: http.Server, graceMs: number): Promise<{ cut: boolean }> {
  let cut = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const idle = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => {
    cut = true;
    server.closeAllConnections();
  }, graceMs);
  try {
    await closed;
  } finally {
    clearInterval(idle);
    clearTimeout(deadline);
  }
  return { cut };
}
