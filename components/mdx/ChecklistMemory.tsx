'use client';
// The only client part of <Checklist>: remembers which boxes are ticked, in this browser only
// (localStorage), and offers "clear" and "print". It receives the list's id, never its text: the
// items are server-rendered checkboxes it finds in the DOM.
import { useEffect, useRef, useState } from 'react';

const storageKey = (listId: string) => `sojoourn:checklist:${listId}`;

function boxesOf(root: Element | null): HTMLInputElement[] {
  return root
    ? [...root.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-checklist-item]')]
    : [];
}

function readTicks(listId: string): number[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(listId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : [];
  } catch {
    return [];
  }
}

export function ChecklistMemory({ listId }: { listId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [counts, setCounts] = useState<{ ticked: number; total: number } | null>(null);

  useEffect(() => {
    const root = ref.current?.closest('[data-checklist]') ?? null;
    const boxes = boxesOf(root);
    const ticks = new Set(readTicks(listId));
    for (const box of boxes) box.checked = ticks.has(Number(box.dataset.checklistItem));
    const update = () => {
      const ticked = boxes
        .filter((box) => box.checked)
        .map((box) => Number(box.dataset.checklistItem));
      try {
        localStorage.setItem(storageKey(listId), JSON.stringify(ticked));
      } catch {
        // Storage full or blocked: the ticks still work for this visit.
      }
      setCounts({ ticked: ticked.length, total: boxes.length });
    };
    const initial = boxes.filter((box) => box.checked).length;
    // Syncing with the DOM the server rendered, once, after reading storage.
    setCounts({ ticked: initial, total: boxes.length });
    root?.addEventListener('change', update);
    return () => root?.removeEventListener('change', update);
  }, [listId]);

  const clear = () => {
    const root = ref.current?.closest('[data-checklist]') ?? null;
    const boxes = boxesOf(root);
    for (const box of boxes) box.checked = false;
    try {
      localStorage.removeItem(storageKey(listId));
    } catch {
      // Nothing stored.
    }
    setCounts({ ticked: 0, total: boxes.length });
  };

  return (
    <div
      ref={ref}
      className="mt-4 flex flex-wrap items-center gap-3 text-sm text-slate-700 dark:text-slate-300 print:hidden"
    >
      {counts ? (
        <>
          <p className="m-0" role="status" aria-live="polite">
            {counts.ticked} of {counts.total} ticked · saved in this browser only
          </p>
          <button type="button" className="btn-secondary py-1.5" onClick={clear}>
            Clear the ticks
          </button>
          <button type="button" className="btn-secondary py-1.5" onClick={() => window.print()}>
            Print this list
          </button>
        </>
      ) : null}
    </div>
  );
}
