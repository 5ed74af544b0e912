import 'server-only';
// The follow block's state for a viewer: a reader's form (the same for everyone, so the reader
// copies can be prerendered), or what a signed-in person follows, read per request.
import { ALL_GUIDES, type FollowState } from './schema';
import { followsOfViewer } from './service';
import type { Viewer } from '../access';
import { getDb } from '../db';

export async function followStateFor(
  viewer: Viewer | undefined,
  guide: string,
): Promise<FollowState> {
  if (!viewer || viewer.kind !== 'user') return { kind: 'reader' };
  const follows = await followsOfViewer(viewer, { db: await getDb() });
  return {
    kind: 'user',
    following: follows.includes(guide),
    followingAll: follows.includes(ALL_GUIDES),
  };
}
