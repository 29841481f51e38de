/**
 * Listens to the server's `poke` events (server-sent events read with fetch, so the access token goes
 * in a header) and reconnects with backoff. Returns a function that stops listening.
 */
export function listenForPokes(accessToken: () => Promise<string>, onPoke: (version: number) => void): () => void {
  let stopped = false;
  const isStopped = () => stopped;
  let controller: AbortController | null = null;
  let delay = 1000;

  async function connect(): Promise<void> {
    while (!isStopped()) {
      controller = new AbortController();
      try {
        const res = await fetch('/api/sync/events', { headers: { authorization: `Bearer ${await accessToken()}` }, signal: controller.signal });
        if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
        delay = 1000;
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(event)?.[1];
            if (/^event: poke$/m.test(event) && data) onPoke((JSON.parse(data) as { version: number }).version);
          }
        }
      } catch {
        // offline, server restarting, token expired: try again later
      }
      if (isStopped()) return;
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }
  void connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
