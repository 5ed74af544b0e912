// The follow forms (plain HTML posts, no JavaScript needed): lib/follow/actions.ts does the work.
import { handleFollowPost } from '@/lib/follow/actions';

export const POST = handleFollowPost;
