/** Teams-shaped inbound activities for tests, and posting them to the bot as Teams does. */
let seq = 0;

export interface ActivityOptions {
  user?: string;
  userName?: string;
  conversationId?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  value?: unknown;
  entities?: unknown[];
  channelData?: Record<string, unknown>;
}

export function teamsMessage(serviceUrl: string, text: string, options: ActivityOptions = {}): Record<string, unknown> {
  seq += 1;
  const user = options.user ?? 'user-1';
  return {
    type: 'message',
    id: `act-${seq}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${user}`, name: options.userName ?? 'Test User', aadObjectId: user },
    recipient: { id: '28:bot-under-test', name: 'Herts SEND Assistant' },
    conversation: {
      id: options.conversationId ?? `a:test-${process.pid}-${seq}`,
      conversationType: options.conversationType ?? 'personal',
      tenantId: 'tenant-1',
    },
    channelData: { tenant: { id: 'tenant-1' }, ...(options.channelData ?? {}) },
    locale: 'en-GB',
    text,
    ...(options.value !== undefined ? { value: options.value } : {}),
    ...(options.entities ? { entities: options.entities } : {}),
  };
}

export function teamsInvoke(serviceUrl: string, name: string, value: unknown, options: ActivityOptions = {}): Record<string, unknown> {
  const base = teamsMessage(serviceUrl, '', options);
  delete base.text;
  return { ...base, type: 'invoke', name, ...(value === undefined ? {} : { value }) };
}

export async function postActivity(botUrl: string, body: unknown, raw = false): Promise<{ status: number; body: string; json: unknown }> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ? (body as string) : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: text, json };
}

/** The text a person would see in a set of replies: message text and card text. */
export function visibleText(activities: { text?: string; attachments?: { content: unknown }[] }[]): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'string' && ['text', 'title', 'value', 'label', 'placeholder'].includes(k)) out.push(v);
        else walk(v);
      }
    }
  };
  for (const a of activities) {
    if (a.text) out.push(a.text);
    walk(a.attachments?.map((x) => x.content));
  }
  return out.join('\n');
}
