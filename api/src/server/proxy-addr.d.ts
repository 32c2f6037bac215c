// proxy-addr (Express's own dependency, which computes req.ip) ships no types.
declare module 'proxy-addr' {
  import type { IncomingMessage } from 'node:http';
  export default function proxyAddr(req: IncomingMessage, trust: (address: string, hop: number) => boolean): string;
}
