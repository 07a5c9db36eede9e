import type { TrendsResponse } from '../api/types';
import { UNIT_LABELS, COPIES_LABELS, type Counting } from '../state/divideMode';

/**
 * How a chart counts, said once in its "about this chart". The API's notes already state per
 * author and copies once, with their definitions, whenever they apply, so this says only what the
 * notes leave unsaid: the defaults (per post, every copy), and why a chart counts otherwise than
 * the page asked (the share of a source's posts has neither form).
 */
export function CountingNote({ data, asked }: { data: TrendsResponse; asked?: Counting }) {
  const unit = data.unit === 'author' ? 'author' : 'post';
  const copies = data.copies === 'once' ? 'once' : 'all';
  const sentences: string[] = [];
  if (unit === 'post') sentences.push('Per post: every post counts once, so an author who posts a lot weighs a lot.');
  if (copies === 'all') {
    sentences.push('Every copy counted: posts with the same or nearly the same text (reposts, copypasta, a press release in many feeds) count once each.');
  }
  const differs = asked && (asked.unit !== unit || asked.copies !== copies);
  if (differs) {
    sentences.push(
      `This chart counts ${UNIT_LABELS[unit]}, ${COPIES_LABELS[copies]}, though ${UNIT_LABELS[asked.unit]}, ${COPIES_LABELS[asked.copies]} was asked for: the share of a source's posts is divided by all posts of the source, and the rollups that count them count every post.`,
    );
  }
  if (sentences.length === 0) return null;
  return (
    <p className="about-counting" data-testid="about-counting">
      {sentences.join(' ')}
    </p>
  );
}
