import type { ReactNode } from 'react';

export function LoadingMessage({ what }: { what: string }) {
  return (
    <div className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function ErrorMessage({ what, error, onRetry }: { what: string; error: Error; onRetry: () => void }) {
  return (
    <div className="status status-error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {error.message}
      </p>
      <button type="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}

export function EmptyMessage({ children }: { children: ReactNode }) {
  return (
    <div className="status status-empty" role="status">
      {children}
    </div>
  );
}
