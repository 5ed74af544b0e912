import { notFound } from 'next/navigation';

// Any address no other route matches: a 404 inside the (site) layout, so the visitor gets one
// header, their own (signed in or not), from app/(site)/not-found.tsx.
export default function Missing() {
  notFound();
}
