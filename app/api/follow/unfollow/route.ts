// The List-Unsubscribe link of the follow e-mails (RFC 8058). POST (one-click, or bare) unfollows
// without a cookie (lib/follow/actions.ts); GET only sends the person to the manage page, so a mail
// scanner following the link changes nothing.
import { handleUnfollowPost, seeOther } from '@/lib/follow/actions';
import { manageToken } from '@/lib/follow/schema';

export const POST = handleUnfollowPost;

export function GET(request: Request) {
  const token = manageToken.safeParse(new URL(request.url).searchParams.get('token'));
  return seeOther(
    token.success
      ? `/follow/manage?token=${encodeURIComponent(token.data)}`
      : '/follow?error=manage-invalid',
  );
}
