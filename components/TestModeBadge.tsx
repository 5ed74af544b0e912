export function TestModeBadge() {
  return (
    <p className="inline-flex items-center gap-2 rounded-full bg-orange-100 px-3 py-1 text-xs font-bold uppercase tracking-wide text-orange-900 dark:bg-orange-900/40 dark:text-orange-100">
      Test mode — no real payment is taken
    </p>
  );
}
