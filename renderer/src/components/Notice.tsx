import type { ReactNode } from 'react';

/**
 * A sentence the citizen (or staff) must notice: a problem, a refusal, a result. `role`: alert
 * for what went wrong, status for what happened; none for a standing hint.
 */
export function Notice({ children, testId, role, className }: { children: ReactNode; testId?: string; role?: 'alert' | 'status'; className?: string }) {
  return (
    <p className={className ? `notice ${className}` : 'notice'} role={role} data-testid={testId}>
      {children}
    </p>
  );
}
