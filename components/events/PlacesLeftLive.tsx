'use client';
// Places left, on an event's prerendered reader page: the page is the same static file for every
// reader, so the count is asked for when it is shown (/api/events/[slug]/places, counts only) and
// said with the time it was counted. Without JavaScript the page says how many places there are.
import { useEffect, useState } from 'react';
import { placesInAllText, placesLeftText } from '@/lib/events/rules';

interface Places {
  capacity: number | null;
  left: number | null;
  /** The time of the count in Paris, as the site writes times ("14:05"). */
  countedAtParis: string;
}

const isPlaces = (value: unknown): value is Places =>
  typeof value === 'object' &&
  value !== null &&
  'left' in value &&
  'countedAtParis' in value &&
  typeof value.countedAtParis === 'string';

export function PlacesLeftLive({ slug, capacity }: { slug: string; capacity: number }) {
  const [places, setPlaces] = useState<Places | null>(null);
  useEffect(() => {
    let current = true;
    fetch(`/api/events/${slug}/places`)
      .then((response) => (response.ok ? response.json() : null))
      .then((body: unknown) => {
        if (current && isPlaces(body)) setPlaces(body);
      })
      // Offline or refused: the page keeps saying how many places there are in all.
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [slug]);
  return (
    <span aria-live="polite" data-testid="places-left">
      {places && typeof places.left === 'number'
        ? placesLeftText(places.left, places.capacity ?? capacity, places.countedAtParis)
        : placesInAllText(capacity)}
    </span>
  );
}
