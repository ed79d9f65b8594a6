/** A neutral star emblem (decorative; the portal name beside it carries the meaning). */
export function Emblem({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      <circle cx="24" cy="24" r="23" fill="#c92a2a" stroke="#ffd43b" strokeWidth="2" />
      <path d="M24 9l4.4 9.6 10.5 1.1-7.8 7.1 2.2 10.3L24 31.9l-9.3 5.2 2.2-10.3-7.8-7.1 10.5-1.1z" fill="#ffd43b" />
    </svg>
  );
}
