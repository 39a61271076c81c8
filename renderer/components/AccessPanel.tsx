import type { ReactNode } from 'react';

interface AccessPanelProps {
  title: string;
  location: string | null;
  children: ReactNode;
}

/** The centred card used by the create and unlock screens. */
export function AccessPanel({ title, location, children }: AccessPanelProps) {
  return (
    <main className="access">
      <div className="access-panel">
        <p className="brand">Liaison Workbench</p>
        <h1>{title}</h1>
        {children}
        {location && (
          <p className="access-location">
            Vault: <code>{location}</code>
          </p>
        )}
      </div>
    </main>
  );
}
