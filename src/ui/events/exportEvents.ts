import type { BufferedEvent } from '../../capture/tabEvents';

/** The events as the SDK sent them, plus how they left the page. */
export function eventsToJson(events: BufferedEvent[]): string {
  return JSON.stringify(
    events.map(({ uuid, event, timestamp, properties, $set, $set_once, requestUrl, transport, encoding }) => ({
      uuid,
      event,
      timestamp,
      properties,
      ...($set ? { $set } : {}),
      ...($set_once ? { $set_once } : {}),
      request: { url: requestUrl, transport, encoding },
    })),
    null,
    2,
  );
}

const CSV_COLUMNS = ['timestamp', 'event', 'distinct_id', 'uuid', 'current_url', 'lib_version', 'token', 'transport', 'properties'] as const;

function csvCell(value: unknown): string {
  const text = value == null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // Quote always; a leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function eventsToCsv(events: BufferedEvent[]): string {
  const rows = events.map((event) =>
    [
      event.timestamp,
      event.event,
      event.properties.distinct_id,
      event.uuid,
      event.properties.$current_url,
      event.properties.$lib_version,
      event.properties.token,
      event.transport,
      event.properties,
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** Saves text as a file through a temporary object URL and a download link. */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
