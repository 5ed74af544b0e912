// When the page enhancements run: the header's listeners at once, everything else only after the
// page has loaded, when the browser is idle, one enhancement per task (a reader's first paint is
// not lengthened by our work, and no task of ours is long on a slow phone). The enhancements
// themselves are exercised in a real browser by e2e/specs/reader-copies.spec.ts.
import { describe, expect, it } from 'vitest';
import { enhancePage } from './page-enhancements';

/** A page as enhancePage sees it, recording which parts of it were looked at and when. */
function fakePage(readyState: DocumentReadyState) {
  const looked: string[] = [];
  const attributes = new Set<string>();
  const loadListeners = new Set<() => void>();
  const idle = new Map<number, () => void>();
  let nextId = 1;
  const view = {
    addEventListener: (type: string, listener: () => void) => {
      if (type === 'load') loadListeners.add(listener);
    },
    removeEventListener: (type: string, listener: () => void) => {
      if (type === 'load') loadListeners.delete(listener);
    },
    requestIdleCallback: (callback: () => void) => {
      const id = nextId++;
      idle.set(id, callback);
      return id;
    },
    cancelIdleCallback: (id: number) => idle.delete(id),
  };
  const doc = {
    readyState,
    defaultView: view,
    documentElement: {
      setAttribute: (name: string) => attributes.add(name),
      removeAttribute: (name: string) => attributes.delete(name),
    },
    addEventListener: (type: string) => looked.push(`listen:${type}`),
    removeEventListener: () => {},
    querySelectorAll: (selector: string) => {
      looked.push(selector);
      return [];
    },
    getElementById: () => null,
  };
  return {
    // A stand-in for the DOM: only what enhancePage touches on a page with nothing to enhance.
    doc: doc as unknown as Document,
    looked,
    enhanced: () => attributes.has('data-enhanced'),
    load: () => [...loadListeners].forEach((listener) => listener()),
    pendingTasks: () => idle.size,
    /** Runs the one idle task waiting, as the browser would. */
    runIdleTask: () => {
      expect(idle.size).toBe(1);
      const [id, callback] = [...idle][0]!;
      idle.delete(id);
      callback();
    },
  };
}

describe('enhancePage', () => {
  it('listens for the header at once, and does the rest after load, one idle task at a time', () => {
    const page = fakePage('loading');
    enhancePage(page.doc);
    expect(page.looked).toEqual(['listen:submit', 'listen:keydown', 'listen:click']);
    expect(page.pendingTasks()).toBe(0);

    page.load();
    expect(page.looked).toHaveLength(3);
    page.runIdleTask();
    expect(page.looked.slice(3)).toEqual(['[data-toc="desktop"] a[href^="#"]']);
    page.runIdleTask();
    expect(page.looked.slice(4)).toEqual(['[data-checklist]']);
    page.runIdleTask();
    expect(page.looked.slice(5)).toEqual(['[data-places-live]']);
    expect(page.enhanced()).toBe(false);
    page.runIdleTask();
    expect(page.enhanced()).toBe(true);
    expect(page.pendingTasks()).toBe(0);
  });

  it('on a page already loaded (a client navigation), starts at the next idle moment', () => {
    const page = fakePage('complete');
    enhancePage(page.doc);
    expect(page.pendingTasks()).toBe(1);
    for (let task = 0; task < 4; task++) page.runIdleTask();
    expect(page.enhanced()).toBe(true);
  });

  it('undone before it has finished, leaves nothing waiting to run', () => {
    const page = fakePage('complete');
    const undo = enhancePage(page.doc);
    page.runIdleTask();
    undo();
    expect(page.pendingTasks()).toBe(0);
    expect(page.enhanced()).toBe(false);

    const loading = fakePage('loading');
    enhancePage(loading.doc)();
    loading.load();
    expect(loading.pendingTasks()).toBe(0);
  });
});
