// The confirmation page's button: lib/follow/actions.ts confirms the link's follows.
import { handleConfirmPost } from '@/lib/follow/actions';

export const POST = handleConfirmPost;
