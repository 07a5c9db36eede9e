import net from 'node:net';

/** True when a Redis server answers PING on the port. */
export function redisAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

/** True when a ClickHouse server answers its HTTP /ping. */
export async function clickhouseAnswers(httpUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ping', httpUrl), { signal: AbortSignal.timeout(1000) });
    return response.ok && (await response.text()).startsWith('Ok');
  } catch {
    return false;
  }
}
