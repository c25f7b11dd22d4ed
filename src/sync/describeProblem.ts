import { ApiError, missingScope } from '../api/client';
import type { SyncProblem } from './syncView';

const withoutEndpoint = (message: string) => message.replace(/^[A-Z]+ \S+: /, '');

/**
 * A failed request in words the user can act on. `writing` says whether it was a change being
 * sent (a 403 then means the key lacks `action:write`, not `action:read`); `scope` names the scope
 * a 403 means when the request was not about actions and the server did not say.
 */
export function describeProblem(
  error: unknown,
  context: { host: string; projectId: number; writing: boolean; scope?: string },
  now: number,
): SyncProblem {
  if (!(error instanceof ApiError)) {
    return { kind: 'other', message: error instanceof Error ? error.message : String(error), at: now };
  }
  const host = context.host.replace(/^https?:\/\//, '');
  const message = ((): string => {
    switch (error.kind) {
      case 'unauthorized':
        return `The project API rejected the key (401): check it in Settings`;
      case 'forbidden':
        return `Key lacks ${missingScope(error, context.scope ?? (context.writing ? 'action:write' : 'action:read'))}`;
      case 'not_found':
        return `Project ${context.projectId} not found on ${host}`;
      case 'rate_limited':
        return 'Rate limited by the project API';
      case 'unreachable':
        return `Offline: ${host} is unreachable`;
      case 'timeout':
        return `${host} did not answer in time`;
      case 'server_error':
        return `Server error ${error.status ?? ''} from ${host}`.replace('  ', ' ');
      case 'bad_response':
        return `${host} answered in an unexpected shape (${withoutEndpoint(error.message)})`;
      case 'validation':
        return `Refused by the project API: ${withoutEndpoint(error.message)}${error.extra.attr ? ` (${error.extra.attr})` : ''}`;
      default:
        return withoutEndpoint(error.message);
    }
  })();
  return { kind: error.kind, message, at: now };
}
