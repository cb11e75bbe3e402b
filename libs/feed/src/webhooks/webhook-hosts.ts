// Deliveries go only to hosts the operator named (SALES_WEBHOOK_HOSTS): a webhook must not become
// a way to make the engine call any address it can reach.

export type HostAllowList = ReadonlySet<string>;

export function parseAllowedHosts(raw: string | undefined): HostAllowList {
  return new Set(
    (raw ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  );
}

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: string };

// An entry names a host (any port) or host:port. IPv6 literals are written in brackets.
export function checkWebhookUrl(raw: string, allowed: HostAllowList): UrlVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'url is not an absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `url must be http or https, got ${url.protocol.replace(':', '')}` };
  if (url.username || url.password) return { ok: false, reason: 'url must not carry credentials' };
  const host = url.hostname.toLowerCase();
  if (!allowed.has(host) && !allowed.has(url.host.toLowerCase()))
    return {
      ok: false,
      reason:
        allowed.size === 0
          ? 'no webhook host is allowed (SALES_WEBHOOK_HOSTS is unset)'
          : `host ${url.host} is not in SALES_WEBHOOK_HOSTS`,
    };
  return { ok: true, url };
}
