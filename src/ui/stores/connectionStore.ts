import { create } from 'zustand';
import type { PublicConnection } from '../../messaging/protocol';
import { sendMessage } from '../../messaging/sendMessage';
import { connectionItem } from '../../storage/items';

interface ConnectionState {
  connection: PublicConnection | null;
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

/** The connection as any extension page may see it: target, host, project — never the key. */
export const useConnectionStore = create<ConnectionState>((set) => ({
  connection: null,
  loaded: false,
  error: null,
  async load() {
    try {
      set({ connection: await sendMessage('connection.get', {}), loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: error instanceof Error ? error.message : String(error) });
    }
  },
}));

/** Keeps the store current when the options page saves a new connection. */
export function watchConnection(): () => void {
  return connectionItem.watch((connection) => useConnectionStore.setState({ connection, loaded: true }));
}
