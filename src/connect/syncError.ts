/**
 * `_hc_err` holds JSON from Connect, typically `{"op":"UPDATE","src":"SFDC","msg":"…"}` or a
 * Salesforce error list. People need the message, not the JSON; anything unparseable is shown
 * as it is.
 */
export function readableSyncError(raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  try {
    const messages = collectMessages(JSON.parse(raw) as unknown);
    return messages.length > 0 ? [...new Set(messages)].join('; ') : raw;
  } catch {
    return raw;
  }
}

function collectMessages(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(collectMessages);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const text = record.msg ?? record.message;
  if (typeof text === 'string') {
    const code = record.statusCode ?? record.errorCode;
    return [typeof code === 'string' ? `${code}: ${text}` : text];
  }
  return Object.values(record).flatMap(collectMessages);
}
