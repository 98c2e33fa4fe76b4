import type { ReactNode } from 'react';
import type { Resource } from '../api/useResource.js';

/** Loading and failure states in one place, so every page says them the same way. */
export function ResourceView<T>({
  resource,
  retry,
  children,
}: {
  resource: Resource<T>;
  retry: () => void;
  children: (data: T) => ReactNode;
}) {
  switch (resource.status) {
    case 'loading':
      return <p className="muted">Loading…</p>;
    case 'failed':
      return (
        <div className="form-error" role="alert">
          <p>{resource.message}</p>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      );
    case 'ready':
      return <>{children(resource.data)}</>;
    default:
      return resource satisfies never;
  }
}
