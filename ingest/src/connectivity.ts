/**
 * Whether any of the services can be reached from this machine. Any HTTP answer counts, even an
 * error status: the point is to tell "offline" (no route, no DNS) from "the API said no".
 */
export async function anyReachable(urls: readonly string[], timeoutMs = 4000): Promise<boolean> {
  const origins = [...new Set(urls.map((url) => new URL(url).origin))];
  const probes = origins.map(async (origin) => {
    await fetch(origin, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    return true;
  });
  try {
    return await Promise.any(probes);
  } catch {
    return false;
  }
}
