/**
 * Test texts for copy clusters: one press release and the ways syndication changes it (an
 * outlet's lead-in, a changed date or figure, a dropped word, a link or a "via" at the end, a
 * retweet prefix), and independent posts that share its hashtag and a phrase but not its text.
 */
export const PRESS_RELEASE =
  'WASHINGTON — The Department of Commerce today announced new measures to address the national security risks posed by ' +
  'foreign-owned social media applications operating in the United States. Under the rule, app stores must remove the ' +
  'applications within ninety days unless the owners complete a qualified divestiture approved by the interagency committee. ' +
  'Officials said the measures protect the personal data of American users while preserving free expression online. #TikTokBan';

const LEAD_INS = ['', 'From Reuters: ', 'BREAKING: ', 'Press release. ', 'AP — ', 'Just in: '];
const ENDINGS = ['', ' https://t.co/abc123', ' via @newsdesk', ' (more at https://example.gov/release)', ' Read more.', ' #news'];
const SWAPS: Array<[string, string]> = [
  ['today', 'on Monday'],
  ['ninety', 'sixty'],
  ['new measures', 'new rules'],
  ['personal data', 'private data'],
  ['while preserving', 'and preserves'],
  ['Officials said', 'A spokesperson said'],
];

/** The n-th syndicated copy: a lead-in, at most two swapped phrases and an ending, chosen from n. */
export function syndicatedCopy(n: number): string {
  let text = PRESS_RELEASE;
  const first = SWAPS[n % SWAPS.length]!;
  const second = SWAPS[Math.floor(n / SWAPS.length) % SWAPS.length]!;
  for (const [from, to] of n % 3 === 0 ? [first] : [first, second]) text = text.replace(from, to);
  const retweet = n % 7 === 0 ? `RT @user${n}: ` : '';
  return retweet + LEAD_INS[n % LEAD_INS.length] + text + ENDINGS[Math.floor(n / 3) % ENDINGS.length];
}

/** Posts of different authors that share the hashtag and a phrase of the release, each in its own words. */
export const SAME_HASHTAG_POSTS = [
  'I honestly think the app stores should not be forced to remove anything, this is government overreach #TikTokBan',
  'My small business sells almost everything through short videos and this rule would wipe us out #TikTokBan',
  'Finally someone in Washington takes the national security risks of these apps seriously, about time #TikTokBan',
  'Ninety days is not enough time for any company to complete a divestiture of that size, be realistic #TikTokBan',
  'Teachers in my district use the app to share science experiments with students, what happens to them now #TikTokBan',
  'The personal data of American users is sold by every domestic platform too, why single out one company #TikTokBan',
];
