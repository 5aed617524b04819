import type { ComponentProps, ReactNode } from 'react';

/**
 * One screen's frame below the top bar: its `<main>` (class `screen` and the screen's own, its
 * test id, any data attributes) and its title.
 */
export function Screen({
  className,
  testId,
  title,
  children,
  ...attributes
}: Omit<ComponentProps<'main'>, 'title'> & { className: string; testId: string; title?: ReactNode }) {
  return (
    <main className={`screen ${className}`} data-testid={testId} {...attributes}>
      {title !== undefined && <h2 className="screen-title">{title}</h2>}
      {children}
    </main>
  );
}
