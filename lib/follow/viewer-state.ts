// The follow block's state for a viewer: personal-free (see FollowState), so the same for every
// reader and every signed-in person; what someone follows is on /account.
import type { FollowState } from './schema';
import type { Viewer } from '../access';

export const followStateFor = (viewer: Viewer | undefined): FollowState =>
  viewer?.kind === 'user' ? { kind: 'signed-in' } : { kind: 'reader' };
