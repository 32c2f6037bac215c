import { BlockList, isIP } from 'node:net';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Loopback, private, link-local, carrier-grade NAT, unspecified and multicast ranges. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(network, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(address);
  return family === 4 ? PRIVATE.check(address, 'ipv4') : family === 6 ? PRIVATE.check(address, 'ipv6') : true;
}

export interface UrlPolicy {
  allowHttp: boolean;
  allowPrivateAddresses: boolean;
}

/** Why a webhook URL is refused: its form (`invalid`), or where it leads (`private`). */
export interface UrlProblem {
  kind: 'invalid' | 'private';
  message: string;
}

const PRIVATE_MESSAGE = 'Webhooks cannot be sent to private, loopback or link-local addresses.';
/** Names that mean this machine or its own network whatever DNS answers (RFC 6761, Debian's ip6-* names, mDNS). */
const LOCAL_NAME = /(^|\.)(localhost|localdomain|ip6-localhost|ip6-loopback|local|internal)$/i;

/** The host as looked up: without IPv6 brackets, or the final dot of a fully qualified name. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

/** Why a webhook URL is refused by its form alone, or null (where its name resolves is checked apart). */
export function urlProblem(raw: string, policy: UrlPolicy): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'invalid', message: 'Enter a full URL, e.g. https://crm.example.com/hooks/chatonce.' };
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) return { kind: 'invalid', message: policy.allowHttp ? 'Use an http or https URL.' : 'Use an https URL.' };
  if (url.username || url.password) return { kind: 'invalid', message: 'Put credentials in the receiver’s own check of the signature, not in the URL.' };
  const host = hostOf(url);
  if (!policy.allowPrivateAddresses && (isIP(host) ? isPrivateAddress(host) : LOCAL_NAME.test(host))) return { kind: 'private', message: PRIVATE_MESSAGE };
  return null;
}

type LookupAll = (hostname: string, options: { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * Where a URL that passed `urlProblem` leads, checked when it is saved: its name must resolve
 * now, within `timeoutMs`, and only to public addresses. An IP literal needs no lookup. The
 * same check runs again on every connection, so a name rebound later is still refused.
 */
export async function resolvedAddressProblem(raw: string, options: { timeoutMs: number; lookup?: LookupAll }): Promise<UrlProblem | null> {
  const host = hostOf(new URL(raw));
  if (isIP(host)) return null;
  const lookup: LookupAll = options.lookup ?? ((hostname, lookupOptions, callback) => dnsLookup(hostname, lookupOptions, callback));
  let addresses: LookupAddress[];
  try {
    addresses = await new Promise<LookupAddress[]>((resolve, reject) => {
      // getaddrinfo cannot be cancelled: a late answer is ignored.
      const timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })), options.timeoutMs);
      lookup(host, { all: true }, (error, found) => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(found);
      });
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTFOUND' && code !== 'ENODATA') return { kind: 'invalid', message: `${host} could not be resolved just now (${code ?? 'error'}): try again in a moment.` };
    addresses = [];
  }
  if (!addresses.length) return { kind: 'invalid', message: `${host} does not resolve to an address: check the host name.` };
  const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
  return blocked ? { kind: 'private', message: `${PRIVATE_MESSAGE} ${host} resolves to ${blocked.address}.` } : null;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most `maxBodyBytes` of the body. */
  body: string;
}

export class BlockedAddressError extends Error {}

/**
 * POSTs to a URL whose host is resolved here and checked before connecting: the address that
 * was checked is the one used, so DNS rebinding cannot slip a private address past the check.
 */
export function safePost(raw: string, body: string, headers: Record<string, string>, options: UrlPolicy & { timeoutMs: number; maxBodyBytes: number }): Promise<SafeResponse> {
  const problem = urlProblem(raw, options);
  if (problem) return Promise.reject(new BlockedAddressError(problem.message));
  const url = new URL(raw);
  const checkedLookup = (hostname: string, lookupOptions: object, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const list = addresses as LookupAddress[];
      const blocked = !options.allowPrivateAddresses && list.find((entry) => isPrivateAddress(entry.address));
      if (blocked) return callback(new BlockedAddressError(`${hostname} resolves to the private address ${blocked.address}`), '');
      const all = (lookupOptions as { all?: boolean }).all;
      if (all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'ChatOnce-Webhooks/1', ...headers },
        lookup: checkedLookup as never,
        timeout: options.timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < options.maxBodyBytes) chunks.push(chunk.subarray(0, options.maxBodyBytes - size));
          size += chunk.length;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    // An IP literal skips the lookup: check it here too.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !options.allowPrivateAddresses && isPrivateAddress(host)) {
      request.destroy(new BlockedAddressError(`${host} is a private address`));
    }
    request.setTimeout(options.timeoutMs, () => request.destroy(new Error(`no response within ${options.timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
